import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { readModel } from '../../functions/backbone.ts'
import { type DynamoDBEngine, startDynamoDB } from '../../infra/local/engines/dynamodb/index.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { DynamoDBDedupStore } from '../../shared/consumer/dynamodb/dynamodb-dedup-store.ts'
import { EventInProgressError } from '../../shared/consumer/errors.ts'

describe('DynamoDB dedup store', () => {
  let dataDir: string
  let db: DynamoDBEngine
  let dynamo: DynamoDBClient
  let nowMs = Date.UTC(2025, 0, 1)
  let store: DynamoDBDedupStore

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dedup-store-'))
    db = await startDynamoDB({ port: 0, dataDir })
    dynamo = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: db.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    })
    // Twice: creating the tables must be idempotent (the runtime does it at every start).
    await createConsumerTables(dynamo, 'dedup', [readModel])
    await createConsumerTables(dynamo, 'dedup', [readModel])
    store = new DynamoDBDedupStore({
      client: createDocumentClient(dynamo),
      tableName: 'dedup',
      retentionSeconds: 3600,
      now: () => nowMs,
    })
  })

  after(async () => {
    dynamo.destroy()
    await db.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('tells a second delivery that the event is in progress while the first holds a live marker', async () => {
    const key = { consumer: 'c', eventId: 'live' }
    assert.equal(await store.claim(key, nowMs + 30_000), 'claimed')
    await assert.rejects(store.claim(key, nowMs + 30_000), EventInProgressError)
  })

  it('takes over a marker whose invocation died once the marker has expired', async () => {
    const key = { consumer: 'c', eventId: 'abandoned' }
    assert.equal(await store.claim(key, nowMs + 30_000), 'claimed')
    nowMs += 31_000
    assert.equal(await store.claim(key, nowMs + 30_000), 'claimed')
  })

  it('keeps events of different consumers apart', async () => {
    await store.claim({ consumer: 'a', eventId: 'shared' }, nowMs + 30_000)
    await store.complete({ consumer: 'a', eventId: 'shared' })
    assert.equal(await store.claim({ consumer: 'b', eventId: 'shared' }, nowMs + 30_000), 'claimed')
  })

  it('forgets a completed event after the retention even before TTL deletes it', async () => {
    const key = { consumer: 'c', eventId: 'old' }
    await store.claim(key, nowMs + 30_000)
    await store.complete(key)
    assert.equal(await store.claim(key, nowMs + 30_000), 'duplicate')
    nowMs += 3601_000
    assert.equal(await store.claim(key, nowMs + 30_000), 'claimed')
  })
})
