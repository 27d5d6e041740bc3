import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { registry } from '../../functions/domain.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { EventStoreError } from '../../shared/errors.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { eventStoreContract } from '../helpers/event-store-contract.ts'

let db: TestDynamoDB
let client: DynamoDBClient

before(async () => {
  db = await startTestDynamoDB()
  client = db.dynamodb
})

after(async () => {
  await db.stop()
})

eventStoreContract('EventStore over the DynamoDB storage on the embedded engine', async () => {
  // A table per setup: some behaviours (reading from the beginning) need a store of their own.
  const tableName = `events-${randomUUID()}`
  await createEventsTable(client, tableName)
  const storage = new DynamoDBEventStorage({ client: createDocumentClient(client), tableName })
  return { storage, close: async () => {} }
})

describe('DynamoDB event storage', () => {
  it('creates the events table idempotently', async () => {
    const first = await createEventsTable(client, 'events-twice')
    const second = await createEventsTable(client, 'events-twice')
    assert.deepEqual([first.created, second.created], [true, false])
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'events-twice' }))
    assert.equal(Table?.StreamSpecification?.StreamViewType, 'NEW_IMAGE')
    assert.deepEqual(
      Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.Projection?.ProjectionType]),
      [['byTime', 'ALL']],
    )
  })

  it('reports an engine failure as an EventStoreError keeping the SDK error as cause', async () => {
    const storage = new DynamoDBEventStorage({ client: createDocumentClient(client), tableName: 'missing' })
    const store = new EventStore({ storage, registry })
    await assert.rejects(
      store.append('order-1', [{ type: 'OrderPaid', data: { orderId: 'o', amount: 1, currency: 'EUR' } }]),
      (error) => {
        assert.ok(error instanceof EventStoreError)
        assert.equal((error.cause as Error).name, 'ResourceNotFoundException')
        return true
      },
    )
    await assert.rejects(store.readStream('order-1'), EventStoreError)
  })
})
