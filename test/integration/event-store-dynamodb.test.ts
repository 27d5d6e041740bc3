import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { registry } from '../../functions/domain.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { EventStoreError } from '../../shared/errors.ts'
import { DynamoDbEventStore } from '../../shared/store/dynamodb/dynamodb-event-store.ts'
import { startTestDynamoDb, type TestDynamoDb } from '../helpers/dynamodb.ts'
import { eventStoreContract, testClock } from './event-store-contract.ts'

let db: TestDynamoDb
let client: DynamoDBClient

before(async () => {
  db = await startTestDynamoDb()
  client = db.dynamodb
})

after(async () => {
  await db.stop()
})

eventStoreContract('DynamoDB adapter on the embedded engine', async () => {
  await createEventsTable(client, 'events')
  const clock = testClock()
  const store = new DynamoDbEventStore({
    client: createDocumentClient(client),
    tableName: 'events',
    registry,
    now: clock.now,
  })
  return { store, clock, close: async () => {} }
})

describe('DynamoDB event store adapter', () => {
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
    const store = new DynamoDbEventStore({
      client: createDocumentClient(client),
      tableName: 'missing',
      registry,
    })
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
