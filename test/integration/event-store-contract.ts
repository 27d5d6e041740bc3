/**
 * The event store contract: the same behaviour sentences run against every adapter
 * (test/unit/event-store-in-memory.test.ts, test/integration/event-store-dynamodb.test.ts).
 * Not a test file itself: it exports the suite.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { domain } from '../../functions/domain.ts'
import {
  BatchTooLargeError,
  EventTooLargeError,
  IdempotencyKeyReusedError,
  StreamNotFoundError,
  UnknownEventTypeError,
  ValidationError,
  VersionConflictError,
} from '../../shared/errors.ts'
import type { EventStore, NewEvent } from '../../shared/store/event-store.ts'
import { loadState } from '../../shared/store/load-state.ts'

/** A settable clock; `undefined` means real time. */
export interface TestClock {
  now(): Date
  set(time: string | undefined): void
}

export function testClock(): TestClock {
  let fixed: Date | undefined
  return {
    now: () => fixed ?? new Date(),
    set: (t) => {
      fixed = t === undefined ? undefined : new Date(t)
    },
  }
}

export interface ContractSetup {
  store: EventStore
  clock: TestClock
  close(): Promise<void>
}

const placed = (orderId: string, items = [{ sku: 'A-1', quantity: 2, unitPrice: 10 }]): NewEvent => ({
  type: 'OrderPlaced',
  data: { orderId, customerId: 'c-1', items, currency: 'EUR' },
})
const paid = (orderId: string, amount = 20): NewEvent => ({
  type: 'OrderPaid',
  data: { orderId, amount, currency: 'EUR' },
})
const shipped = (orderId: string): NewEvent => ({
  type: 'OrderShipped',
  data: { orderId, carrier: 'DHL', trackingNumber: 'T-1' },
})

function newStream(): string {
  return `order-${randomUUID()}`
}

export function eventStoreContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`event store contract: ${name}`, () => {
    let s: ContractSetup
    before(async () => {
      s = await setup()
    })
    after(async () => {
      await s.close()
    })

    describe('append', () => {
      it('numbers the first events of a stream from 1 and returns them as stored', async () => {
        const streamId = newStream()
        const result = await s.store.append(streamId, [placed('o1'), paid('o1')])
        assert.equal(result.idempotentReplay, false)
        assert.deepEqual(
          result.events.map((e) => [e.version, e.type, e.schemaVersion]),
          [
            [1, 'OrderPlaced', 2],
            [2, 'OrderPaid', 1],
          ],
        )
        const read = await s.store.readStream(streamId)
        assert.deepEqual(read.events, result.events)
      })

      it('keeps a caller-supplied event id and metadata', async () => {
        const streamId = newStream()
        const id = randomUUID()
        const metadata = { correlationid: 'corr-1', traceparent: '00-abc-def-01' }
        const absent = { causationid: undefined } as unknown as Record<string, string>
        await s.store.append(streamId, [{ ...placed('o1'), id, metadata: { ...metadata, ...absent } }])
        const [event] = (await s.store.readStream(streamId)).events
        assert.equal(event?.id, id)
        assert.deepEqual(event?.metadata, metadata)
      })

      it('appends after the expected version and rejects a stale one with the actual version', async () => {
        const streamId = newStream()
        await s.store.append(streamId, [placed('o1')], { expectedVersion: 0 })
        const second = await s.store.append(streamId, [paid('o1')], { expectedVersion: 1 })
        assert.equal(second.events[0]?.version, 2)
        await assert.rejects(s.store.append(streamId, [shipped('o1')], { expectedVersion: 1 }), (error) => {
          assert.ok(error instanceof VersionConflictError)
          assert.deepEqual([error.streamId, error.expectedVersion, error.actualVersion], [streamId, 1, 2])
          return true
        })
      })

      it('rejects an expected version beyond the head instead of leaving a gap', async () => {
        const streamId = newStream()
        await s.store.append(streamId, [placed('o1')])
        await assert.rejects(s.store.append(streamId, [paid('o1')], { expectedVersion: 5 }), (error) => {
          assert.ok(error instanceof VersionConflictError)
          assert.equal(error.actualVersion, 1)
          return true
        })
        assert.equal((await s.store.readStream(streamId)).events.length, 1)
      })

      it('lets exactly one of several concurrent appends with the same expected version win', async () => {
        const streamId = newStream()
        await s.store.append(streamId, [placed('o1')])
        const attempts = await Promise.allSettled(
          Array.from({ length: 5 }, (_, i) =>
            s.store.append(streamId, [paid('o1', i)], { expectedVersion: 1 }),
          ),
        )
        assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1)
        for (const a of attempts.filter((a) => a.status === 'rejected')) {
          assert.ok(a.reason instanceof VersionConflictError, String(a.reason))
        }
        assert.deepEqual(
          (await s.store.readStream(streamId)).events.map((e) => e.version),
          [1, 2],
        )
      })

      it('gives concurrent appends without an expected version distinct consecutive versions', async () => {
        const streamId = newStream()
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => s.store.append(streamId, [paid('o1', i)])),
        )
        const versions = results.flatMap((r) => r.events.map((e) => e.version)).sort((a, b) => a - b)
        assert.deepEqual(versions, [1, 2, 3, 4, 5, 6])
        const stored = (await s.store.readStream(streamId)).events
        assert.deepEqual(
          stored.map((e) => e.version),
          [1, 2, 3, 4, 5, 6],
        )
      })

      it('stores none of a batch when one of its versions is already taken', async () => {
        const streamId = newStream()
        await s.store.append(streamId, [placed('o1')])
        await assert.rejects(
          s.store.append(streamId, [paid('o1'), shipped('o1')], { expectedVersion: 0 }),
          VersionConflictError,
        )
        assert.deepEqual(
          (await s.store.readStream(streamId)).events.map((e) => e.type),
          ['OrderPlaced'],
        )
      })

      it('rejects invalid data with field paths and stores nothing', async () => {
        const streamId = newStream()
        const bad = placed('o1', [{ sku: 'A-1', quantity: 0, unitPrice: 1 }])
        await assert.rejects(s.store.append(streamId, [placed('o1'), bad]), (error) => {
          assert.ok(error instanceof ValidationError)
          assert.ok(error.issues.some((i) => i.path === 'events[1].data.items[0].quantity'))
          return true
        })
        assert.equal((await s.store.readStream(streamId)).events.length, 0)
      })

      it('rejects unknown event types, invalid stream ids, empty and oversized requests', async () => {
        const streamId = newStream()
        await assert.rejects(s.store.append(streamId, [{ type: 'Nope', data: {} }]), UnknownEventTypeError)
        await assert.rejects(s.store.append('_idempotency#x', [paid('o1')]), ValidationError)
        await assert.rejects(s.store.append(streamId, []), ValidationError)
        const many = Array.from({ length: 100 }, () => paid('o1'))
        await assert.rejects(s.store.append(streamId, many), BatchTooLargeError)
        const huge = {
          ...shipped('o1'),
          data: { orderId: 'o1', carrier: 'x'.repeat(300_000), trackingNumber: 't' },
        }
        await assert.rejects(s.store.append(streamId, [huge]), EventTooLargeError)
        assert.equal((await s.store.readStream(streamId)).events.length, 0)
      })
    })

    describe('idempotency', () => {
      it('answers a retry with the same key with the first result and stores nothing more', async () => {
        const streamId = newStream()
        const key = randomUUID()
        const first = await s.store.append(streamId, [placed('o1'), paid('o1')], { idempotencyKey: key })
        const retry = await s.store.append(streamId, [placed('o1'), paid('o1')], { idempotencyKey: key })
        assert.equal(retry.idempotentReplay, true)
        assert.deepEqual(retry.events, first.events)
        assert.equal((await s.store.readStream(streamId)).events.length, 2)
      })

      it('rejects the same key with another request body or another stream', async () => {
        const streamId = newStream()
        const key = randomUUID()
        await s.store.append(streamId, [paid('o1', 1)], { idempotencyKey: key })
        await assert.rejects(
          s.store.append(streamId, [paid('o1', 2)], { idempotencyKey: key }),
          IdempotencyKeyReusedError,
        )
        await assert.rejects(
          s.store.append(newStream(), [paid('o1', 1)], { idempotencyKey: key }),
          IdempotencyKeyReusedError,
        )
        assert.equal((await s.store.readStream(streamId)).events.length, 1)
      })

      it('compares the caller-supplied request hash rather than the events', async () => {
        const streamId = newStream()
        const key = randomUUID()
        await s.store.append(streamId, [paid('o1', 1)], { idempotencyKey: key, requestHash: 'h1' })
        const retry = await s.store.append(streamId, [paid('o1', 1)], {
          idempotencyKey: key,
          requestHash: 'h1',
        })
        assert.equal(retry.idempotentReplay, true)
        await assert.rejects(
          s.store.append(streamId, [paid('o1', 1)], { idempotencyKey: key, requestHash: 'h2' }),
          IdempotencyKeyReusedError,
        )
      })

      it('stores a request once when concurrent retries carry the same key', async () => {
        const streamId = newStream()
        const key = randomUUID()
        const results = await Promise.all(
          Array.from({ length: 4 }, () => s.store.append(streamId, [paid('o1')], { idempotencyKey: key })),
        )
        assert.equal(results.filter((r) => !r.idempotentReplay).length, 1)
        assert.equal((await s.store.readStream(streamId)).events.length, 1)
      })
      it('treats a key as new once its guard has expired after 24 hours', async () => {
        const streamId = newStream()
        const key = randomUUID()
        s.clock.set('2030-01-01T00:00:00.000Z')
        await s.store.append(streamId, [paid('o1', 1)], { idempotencyKey: key })
        s.clock.set('2030-01-02T00:00:01.000Z')
        const later = await s.store.append(streamId, [paid('o1', 2)], { idempotencyKey: key })
        s.clock.set(undefined)
        assert.equal(later.idempotentReplay, false)
        assert.equal(later.events[0]?.version, 2)
      })

      it('never returns idempotency guards as events', async () => {
        const streamId = newStream()
        const from = new Date(Date.now() - 60_000).toISOString()
        await s.store.append(streamId, [placed('o1'), paid('o1')], { idempotencyKey: randomUUID() })
        const to = new Date(Date.now() + 60_000).toISOString()
        const events = await readEverything(s.store, { from, to }, 1000)
        assert.ok(events.some((e) => e.streamId === streamId))
        assert.ok(events.every((e) => !e.streamId.startsWith('_')))
      })
    })

    describe('readStream', () => {
      it('pages a stream by version and reads a version range', async () => {
        const streamId = newStream()
        await s.store.append(streamId, [placed('o1'), ...Array.from({ length: 6 }, (_, i) => paid('o1', i))])
        const first = await s.store.readStream(streamId, { limit: 3 })
        assert.deepEqual(
          first.events.map((e) => e.version),
          [1, 2, 3],
        )
        assert.equal(first.nextVersion, 4)
        const rest = await s.store.readStream(streamId, { fromVersion: first.nextVersion, limit: 10 })
        assert.deepEqual(
          rest.events.map((e) => e.version),
          [4, 5, 6, 7],
        )
        assert.equal(rest.nextVersion, undefined)
        const range = await s.store.readStream(streamId, { fromVersion: 2, toVersion: 3 })
        assert.deepEqual(
          range.events.map((e) => e.version),
          [2, 3],
        )
      })

      it('reads an unknown stream as empty', async () => {
        assert.deepEqual(await s.store.readStream(newStream()), { events: [] })
      })
    })

    describe('readAll', () => {
      it('reads events across streams by time range and type, across day buckets, with cursor paging', async () => {
        // A year no other test writes to, so the range holds exactly these events.
        const year = 2000 + Math.floor(Math.random() * 900)
        const day = (d: number, h: number) =>
          `${year}-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`
        const [a, b] = [newStream(), newStream()]
        const writes: Array<[string, string, NewEvent]> = [
          [day(1, 23), a, placed('a')],
          [day(2, 1), b, placed('b')],
          [day(2, 5), a, paid('a')],
          [day(3, 0), b, paid('b')],
          [day(4, 12), a, shipped('a')],
          [day(6, 0), b, shipped('b')],
        ]
        for (const [time, streamId, event] of writes) {
          s.clock.set(time)
          await s.store.append(streamId, [event])
        }
        s.clock.set(undefined)
        const all = await readEverything(s.store, { from: day(1, 0), to: day(6, 0) }, 2)
        assert.deepEqual(
          all.map((e) => [e.time, e.type]),
          writes.slice(0, 5).map(([time, , e]) => [time, e.type]),
        )
        const paidOnly = await readEverything(
          s.store,
          { from: day(2, 0), to: day(7, 0), types: ['OrderPaid'] },
          1,
        )
        assert.deepEqual(
          paidOnly.map((e) => e.streamId),
          [a, b],
        )
        const narrow = await s.store.readAll({ from: day(2, 1), to: day(2, 5) })
        assert.deepEqual(
          narrow.events.map((e) => e.streamId),
          [b],
        )
      })

      it('rejects a cursor it did not issue', async () => {
        await assert.rejects(
          s.store.readAll({ from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z', cursor: 'bogus' }),
          ValidationError,
        )
      })
    })

    describe('loadState', () => {
      it('folds a stream into its state at the head and at an earlier version', async () => {
        const streamId = newStream()
        await s.store.append(streamId, [placed('o1'), paid('o1'), shipped('o1')])
        const head = await loadState(s.store, domain, streamId)
        assert.equal(head.version, 3)
        assert.equal((head.state as { status: string }).status, 'shipped')
        const atPaid = await loadState(s.store, domain, streamId, 2)
        assert.deepEqual(
          [atPaid.version, (atPaid.state as { status: string; total: number }).status],
          [2, 'paid'],
        )
        await assert.rejects(loadState(s.store, domain, newStream()), StreamNotFoundError)
      })
    })
  })
}

async function readEverything(
  store: EventStore,
  range: { from: string; to: string; types?: string[] },
  limit: number,
) {
  const events = []
  let cursor: string | undefined
  for (let pages = 0; pages < 50; pages++) {
    const page = await store.readAll({ ...range, limit, cursor })
    assert.ok(page.events.length <= limit)
    events.push(...page.events)
    cursor = page.cursor
    if (!cursor) return events
  }
  throw new Error('readAll did not finish within 50 pages')
}
