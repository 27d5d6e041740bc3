/**
 * The write-sharded time index on the embedded DynamoDB: a day's events spread over `<day>#<shard>`
 * partitions, read back merged in time order with one cursor, at several shard counts; items written
 * before sharding (the bare day key) stay readable beside them.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb'
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb'
import { registry } from '../../functions/domain.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { HISTORY_MARKER_KEY } from '../../shared/store/dynamodb/history-marker.ts'
import { dayOf, shardOf, timeKeyOf } from '../../shared/store/dynamodb/time-index.ts'
import { EventStore, type StoredEvent } from '../../shared/store/event-store.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { testClock } from '../helpers/event-store-contract.ts'

let db: TestDynamoDB

before(async () => {
  db = await startTestDynamoDB({ inMemory: true })
})

after(async () => {
  await db.stop()
})

const paid = (orderId: string) => ({ type: 'OrderPaid', data: { orderId, amount: 1, currency: 'EUR' } })

/** A second store over the same table: a process that did not read the pages before. */
function otherStore(tableName: string) {
  const storage = new DynamoDBEventStorage({ client: createDocumentClient(db.dynamodb), tableName })
  return new EventStore({ storage, registry })
}

async function newStore(shards?: number) {
  const tableName = `events-${randomUUID()}`
  await createEventsTable(db.dynamodb, tableName)
  const clock = testClock()
  const storage = new DynamoDBEventStorage({
    client: createDocumentClient(db.dynamodb),
    tableName,
    ...(shards === undefined ? {} : { timeIndexShards: shards }),
  })
  return { tableName, clock, store: new EventStore({ storage, registry, clock: clock.now }) }
}

/**
 * 24 streams × 6 events over three days, several streams sharing each instant (ties are broken by
 * stream id, then version), appended in an interleaved order.
 */
async function writeHistory(store: EventStore, clock: ReturnType<typeof testClock>): Promise<StoredEvent[]> {
  // Fixed ids (each test has a table of its own), so the shards they fall on are the same every run.
  const streams = Array.from({ length: 24 }, (_, i) => `order-${String(i).padStart(2, '0')}`)
  const written: StoredEvent[] = []
  for (let round = 0; round < 6; round++) {
    for (const [i, streamId] of streams.entries()) {
      const day = 10 + Math.floor(round / 2)
      clock.set(`2026-04-${day}T${String(round).padStart(2, '0')}:00:0${i % 3}.000Z`)
      written.push(...(await store.append(streamId, [paid(streamId)])).events)
    }
  }
  clock.set(undefined)
  return written
}

/** Every page of `range`; with several stores, each page is read by the next (a resumed job). */
async function readPages(
  stores: EventStore | EventStore[],
  range: { from?: string; to: string; types?: string[] },
  limit: number,
) {
  const readers = Array.isArray(stores) ? stores : [stores]
  const events: StoredEvent[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const store = readers[pages % readers.length] as EventStore
    const page = await store.readAll({ ...range, limit, ...(cursor ? { cursor } : {}) })
    assert.ok(page.events.length <= limit)
    events.push(...page.events)
    cursor = page.cursor
    pages++
  } while (cursor && pages < 500)
  return { events, pages }
}

const order = (e: StoredEvent) => timeKeyOf(e.time, e.streamId, e.version)

function assertEveryEventOnceInOrder(read: StoredEvent[], written: StoredEvent[]) {
  assert.deepEqual(read.map((e) => e.id).sort(), written.map((e) => e.id).sort(), 'every event exactly once')
  const keys = read.map(order)
  assert.deepEqual(keys, [...keys].sort(), 'ordered by time, stream, version across shards')
  const versions = new Map<string, number>()
  for (const e of read) {
    const previous = versions.get(e.streamId)
    assert.ok(previous === undefined || e.version === previous + 1, `${e.streamId} in version order`)
    versions.set(e.streamId, e.version)
  }
}

describe('write-sharded time index', () => {
  for (const shards of [1, 4, 16]) {
    it(`replays a history sharded ${shards} ways once, each stream in version order, with cursors crossing shards and days`, async () => {
      const { store, clock, tableName } = await newStore(shards)
      const written = await writeHistory(store, clock)
      const { Items = [] } = await db.dynamodb.send(new ScanCommand({ TableName: tableName }))
      const events = Items.map((i) => unmarshall(i)).filter((i) => i.timeKey !== undefined)
      for (const item of events) {
        assert.equal(item.timeBucket, `${dayOf(item.time)}#${shardOf(item.streamId, shards)}`)
      }
      const used = new Set(events.map((i) => i.timeBucket.split('#')[1]))
      assert.ok(
        shards === 1 ? used.size === 1 : used.size >= shards / 2,
        `${used.size} of ${shards} shards used`,
      )
      for (const limit of [7, 50, 1000]) {
        const { events: read, pages } = await readPages(
          store,
          { from: '2026-04-10T00:00:00.000Z', to: '2026-04-13T00:00:00.000Z' },
          limit,
        )
        assertEveryEventOnceInOrder(read, written)
        if (limit === 7) assert.ok(pages >= Math.ceil(written.length / 7), `${pages} pages`)
      }
      const fromStart = await readPages(store, { to: '2026-05-01T00:00:00.000Z' }, 13)
      assertEveryEventOnceInOrder(fromStart.events, written)
      // Pages read alternately by this process (reading on from what it read ahead) and another.
      const alternating = await readPages(
        [store, otherStore(tableName)],
        { to: '2026-05-01T00:00:00.000Z' },
        9,
      )
      assertEveryEventOnceInOrder(alternating.events, written)
      const typed = await readPages(
        [store, otherStore(tableName)],
        { from: '2026-04-10T00:00:00.000Z', to: '2026-04-13T00:00:00.000Z', types: ['OrderPaid'] },
        11,
      )
      assertEveryEventOnceInOrder(typed.events, written)
      const middle = await readPages(
        store,
        { from: '2026-04-11T01:00:00.000Z', to: '2026-04-12T04:00:01.000Z' },
        5,
      )
      assertEveryEventOnceInOrder(
        middle.events,
        written.filter((e) => e.time >= '2026-04-11T01:00:00.000Z' && e.time < '2026-04-12T04:00:01.000Z'),
      )
    })
  }

  it('records where history begins and the shard count in the first write of a table', async () => {
    const { store, clock, tableName } = await newStore(4)
    clock.set('2026-06-02T12:00:00.000Z')
    await store.append(`order-${randomUUID()}`, [paid('x')])
    const { Items = [] } = await db.dynamodb.send(new ScanCommand({ TableName: tableName }))
    const marker = Items.map((i) => unmarshall(i)).find((i) => i.streamId === HISTORY_MARKER_KEY.streamId)
    assert.deepEqual(
      { firstDay: marker?.firstDay, shards: marker?.shards, shardedSince: marker?.shardedSince },
      { firstDay: '2026-06-02', shards: 4, shardedSince: '2026-06-02' },
    )
  })

  it('reads events written under the day-only key before sharding beside sharded ones, and from the beginning once the marker is moved back', async () => {
    const { store, clock, tableName } = await newStore()
    // What the code before sharding wrote: the bare UTC day as the index partition key.
    const legacy = ['2026-02-27T09:00:00.000Z', '2026-02-28T09:00:00.000Z', '2026-03-01T08:00:00.000Z'].map(
      (time, i) => {
        const streamId = `order-legacy-${i}-${randomUUID()}`
        return {
          streamId,
          version: 1,
          eventId: randomUUID(),
          type: 'OrderPaid',
          schemaVersion: 1,
          data: { orderId: 'old', amount: 1, currency: 'EUR' },
          metadata: {},
          time,
          timeBucket: dayOf(time),
          timeKey: timeKeyOf(time, streamId, 1),
        }
      },
    )
    for (const item of legacy) {
      await db.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: marshall(item) }))
    }
    const sharded: StoredEvent[] = []
    for (const time of ['2026-03-01T09:00:00.000Z', '2026-03-02T09:00:00.000Z']) {
      clock.set(time)
      sharded.push(...(await store.append(`order-${randomUUID()}`, [paid('new')])).events)
    }
    const range = { from: '2026-02-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }
    const all = (await readPages(store, range, 2)).events
    assert.deepEqual(
      all.map((e) => e.time),
      [...legacy.map((i) => i.time), ...sharded.map((e) => e.time)],
    )
    // From the beginning starts at the first sharded day until the marker is moved back (README).
    const before = (await readPages(store, { to: range.to }, 10)).events
    assert.deepEqual(
      before.map((e) => e.time),
      ['2026-03-01T08:00:00.000Z', ...sharded.map((e) => e.time)],
    )
    await db.dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: marshall(HISTORY_MARKER_KEY),
        UpdateExpression: 'SET firstDay = :d',
        ConditionExpression: 'firstDay > :d',
        ExpressionAttributeValues: marshall({ ':d': '2026-02-27' }),
      }),
    )
    const everything = (await readPages(store, { to: range.to }, 10)).events
    assert.deepEqual(
      everything.map((e) => e.id),
      all.map((e) => e.id),
    )
  })

  it('resumes from a cursor issued before sharding', async () => {
    const { store, clock } = await newStore(4)
    const written = await writeHistory(store, clock)
    const first = written.map((e) => e).sort((x, y) => (order(x) < order(y) ? -1 : 1))[9] as StoredEvent
    // The old cursor: the day and the whole index key of the last event returned.
    const old = Buffer.from(
      JSON.stringify({
        day: dayOf(first.time),
        after: { streamId: first.streamId, version: first.version, timeBucket: 'x', timeKey: order(first) },
      }),
    ).toString('base64url')
    const page = await store.readAll({
      from: '2026-04-10T00:00:00.000Z',
      to: '2026-04-13T00:00:00.000Z',
      cursor: old,
      limit: 1000,
    })
    assert.equal(page.events.length, written.length - 10)
    assert.deepEqual(page.events[0]?.id, written.sort((x, y) => (order(x) < order(y) ? -1 : 1))[10]?.id)
  })
})
