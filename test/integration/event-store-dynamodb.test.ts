import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { type DynamoDbEngine, startDynamoDb } from '../../infra/local/engines/dynamodb/index.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { registry } from '../../shared/domain/registry.ts'
import { EventStoreError } from '../../shared/errors.ts'
import { DynamoDbEventStore } from '../../shared/store/dynamodb/dynamodb-event-store.ts'
import { eventStoreContract, testClock } from './event-store-contract.ts'

let dataDir: string
let db: DynamoDbEngine
let client: DynamoDBClient

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'event-store-'))
  db = await startDynamoDb({ port: 0, dataDir })
  client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: db.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
})

after(async () => {
  client.destroy()
  await db.stop()
  await rm(dataDir, { recursive: true, force: true })
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
