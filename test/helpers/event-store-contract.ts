/**
 * The event store contract: the same behaviour sentences run against the `EventStore` service over
 * every storage adapter (test/unit/event-store-in-memory.test.ts,
 * test/integration/event-store-dynamodb.test.ts), plus the storage port's own conflict outcomes.
 * Not a test file itself: it exports the suite.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { domain, registry } from '../../functions/domain.ts'
import {
  BatchTooLargeError,
  EventTooLargeError,
  IdempotencyKeyReusedError,
  StreamNotFoundError,
  UnknownEventTypeError,
  ValidationError,
  VersionConflictError,
} from '../../shared/errors.ts'
import type { DomainModel } from '../../shared/events/reducer.ts'
import { WriteConflict, WriteConflictError } from '../../shared/store/errors.ts'
import type { EventStorage } from '../../shared/store/event-storage.ts'
import { EventStore, type NewEvent, type StoredEvent } from '../../shared/store/event-store.ts'
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

/** A fresh storage adapter (a new table or a new instance), and how to release it. */
export interface StorageSetup {
  storage: EventStorage
  close(): Promise<void>
}

interface ContractSetup extends StorageSetup {
  store: EventStore
  clock: TestClock
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

export function eventStoreContract(name: string, setup: () => Promise<StorageSetup>): void {
  describe(`event store contract: ${name}`, () => {
    let s: ContractSetup
    before(async () => {
      const { storage, close } = await setup()
      const clock = testClock()
      s = { storage, close, clock, store: new EventStore({ storage, registry, clock: clock.now }) }
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

      it('stores the request correlation in the metadata, keeping a causation id the event sets', async () => {
        const streamId = newStream()
        const correlation = { correlationId: 'corr-9', causationId: 'req-9', traceparent: '00-a-b-01' }
        const reacted = { ...paid('o1'), metadata: { causationid: 'event-7', correlationid: 'mine' } }
        const result = await s.store.append(streamId, [placed('o1'), reacted], { correlation })
        assert.deepEqual(
          result.events.map((e) => e.metadata),
          [
            { causationid: 'req-9', correlationid: 'corr-9', traceparent: '00-a-b-01' },
            { causationid: 'event-7', correlationid: 'corr-9', traceparent: '00-a-b-01' },
          ],
        )
      })

      it('accepts and stores event ids that are not UUIDs: ULIDs and client ids of printable ASCII', async () => {
        const streamId = newStream()
        const ids = ['01J9ZQ4X8M6V2K7T3N5R0B1C2D', 'client:order/42#1', 'x'.repeat(128)]
        await s.store.append(
          streamId,
          ids.map((id) => ({ ...paid('o1'), id })),
        )
        assert.deepEqual(
          (await s.store.readStream(streamId)).events.map((e) => e.id),
          ids,
        )
      })

      it('rejects an event id of 129 characters or with a space with a ValidationError naming it', async () => {
        const streamId = newStream()
        for (const id of ['x'.repeat(129), 'has space', '', 'caf\u00e9']) {
          await assert.rejects(s.store.append(streamId, [paid('o1'), { ...paid('o1'), id }]), (error) => {
            assert.ok(error instanceof ValidationError, String(error))
            assert.deepEqual(
              error.issues.map((i) => i.path),
              ['events[1].id'],
            )
            return true
          })
        }
        assert.equal((await s.store.readStream(streamId)).events.length, 0)
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

      it('matches a retry whose events have their JSON keys in another order', async () => {
        const streamId = newStream()
        const key = randomUUID()
        const data = { orderId: 'o1', amount: 1, currency: 'EUR' }
        const first = await s.store.append(streamId, [{ type: 'OrderPaid', data }], { idempotencyKey: key })
        const reordered = { data: { currency: 'EUR', amount: 1, orderId: 'o1' }, type: 'OrderPaid' }
        const retry = await s.store.append(streamId, [reordered], { idempotencyKey: key })
        assert.equal(retry.idempotentReplay, true)
        assert.deepEqual(retry.events, first.events)
      })

      it("matches a retry by the client's request, not by the correlation and trace context it arrives with", async () => {
        const streamId = newStream()
        const key = randomUUID()
        const correlation = (n: number) => ({
          correlationId: `corr-${n}`,
          causationId: `req-${n}`,
          traceparent: `00-${String(n).repeat(32)}-${String(n).repeat(16)}-01`,
        })
        const first = await s.store.append(streamId, [paid('o1')], {
          idempotencyKey: key,
          correlation: correlation(1),
        })
        const retry = await s.store.append(streamId, [paid('o1')], {
          idempotencyKey: key,
          correlation: correlation(2),
        })
        assert.equal(retry.idempotentReplay, true)
        assert.equal(retry.events[0]?.metadata.correlationid, 'corr-1')
        assert.deepEqual(retry.events, first.events)
        await assert.rejects(
          s.store.append(streamId, [paid('o1')], { idempotencyKey: key, expectedVersion: 0 }),
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

    describe('storage port', () => {
      const stored = (streamId: string, version: number): StoredEvent => ({
        streamId,
        version,
        id: randomUUID(),
        type: 'OrderPaid',
        schemaVersion: 1,
        data: { orderId: 'o1', amount: 1, currency: 'EUR' },
        metadata: {},
        time: new Date().toISOString(),
      })
      const guard = (key: string, streamId: string, expiresAt: number) => ({
        guard: { key, requestHash: 'h', streamId, firstVersion: 1, lastVersion: 1, expiresAt },
        replacesExpiredBefore: 1_000,
      })
      const conflictOf = async (write: Promise<void>) => {
        const error = await write.then(
          () => undefined,
          (e: unknown) => e,
        )
        assert.ok(error instanceof WriteConflictError, String(error))
        return error.conflict
      }

      it('refuses a write whose version is taken, storing none of it', async () => {
        const streamId = newStream()
        await s.storage.writeEvents([stored(streamId, 1)])
        const batch = [stored(streamId, 2), stored(streamId, 1)]
        assert.equal(await conflictOf(s.storage.writeEvents(batch)), WriteConflict.VersionTaken)
        assert.equal(await s.storage.readHead(streamId), 1)
      })

      it('refuses a write that requires the version before it when that version is not stored', async () => {
        const streamId = newStream()
        await s.storage.writeEvents([stored(streamId, 1)])
        const gap = { requirePrevious: true }
        const single = s.storage.writeEvents([stored(streamId, 3)], undefined, gap)
        assert.equal(await conflictOf(single), WriteConflict.VersionTaken)
        const batch = [stored(streamId, 3), stored(streamId, 4)]
        assert.equal(
          await conflictOf(s.storage.writeEvents(batch, undefined, gap)),
          WriteConflict.VersionTaken,
        )
        const keyed = s.storage.writeEvents(batch, guard(randomUUID(), streamId, 2_000), gap)
        assert.equal(await conflictOf(keyed), WriteConflict.VersionTaken)
        assert.equal(await s.storage.readHead(streamId), 1)
        await s.storage.writeEvents([stored(streamId, 2), stored(streamId, 3)], undefined, gap)
        await s.storage.writeEvents([stored(streamId, 4)], undefined, gap)
        assert.equal(await s.storage.readHead(streamId), 4)
      })

      it('refuses a write whose idempotency key a live guard holds, and replaces an expired guard', async () => {
        const [streamId, key] = [newStream(), randomUUID()]
        await s.storage.writeEvents([stored(streamId, 1)], guard(key, streamId, 2_000))
        const taken = s.storage.writeEvents([stored(streamId, 2)], guard(key, streamId, 3_000))
        assert.equal(await conflictOf(taken), WriteConflict.GuardTaken)
        assert.equal((await s.storage.readGuard(key))?.expiresAt, 2_000)
        const later = { ...guard(key, streamId, 9_000), replacesExpiredBefore: 2_001 }
        await s.storage.writeEvents([stored(streamId, 2)], later)
        assert.equal((await s.storage.readGuard(key))?.expiresAt, 9_000)
        assert.equal(await s.storage.readHead(streamId), 2)
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

      it('reads from the oldest stored event when no start is given, however far back it is', async () => {
        // A store of its own: "from the beginning" covers everything the store holds.
        const fresh = await setup()
        const clock = testClock()
        const store = new EventStore({ storage: fresh.storage, registry, clock: clock.now })
        const [a, b] = [newStream(), newStream()]
        const writes: Array<[string, string, NewEvent]> = [
          ['2025-11-20T10:00:00.000Z', a, placed('a')],
          ['2025-11-20T10:00:00.000Z', b, placed('b')],
          ['2025-12-30T08:00:00.000Z', a, paid('a')],
          ['2026-01-02T00:00:00.000Z', b, shipped('b')],
        ]
        for (const [time, streamId, event] of writes) {
          clock.set(time)
          await store.append(streamId, [event])
        }
        // An earlier day written later (a backfill, a skewed clock) moves the beginning back.
        clock.set('2025-10-01T00:00:00.000Z')
        const early = newStream()
        await store.append(early, [placed('early')])
        const all = await readEverything(store, { to: '2026-02-01T00:00:00.000Z' }, 2)
        assert.deepEqual(
          all.map((e) => [e.time, e.streamId]),
          [['2025-10-01T00:00:00.000Z', early], ...writes.map(([time, streamId]) => [time, streamId])].sort(
            (x, y) => (`${x[0]}#${x[1]}` < `${y[0]}#${y[1]}` ? -1 : 1),
          ),
        )
        await fresh.close()
      })

      it('reads nothing from the beginning of an empty store', async () => {
        const fresh = await setup()
        const store = new EventStore({ storage: fresh.storage, registry })
        assert.deepEqual(await store.readAll({ to: new Date().toISOString() }), { events: [] })
        await fresh.close()
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

      it('folds from the nearest snapshot at or below the version asked for, to the same state as a full fold', async () => {
        const noSnapshots: DomainModel = { ...domain, snapshotPolicyFor: () => undefined }
        const history = fc.array(
          fc.oneof(
            fc.constant(placed('o1')),
            fc.integer({ min: 1, max: 500 }).map((cents) => paid('o1', cents / 100)),
            fc.constant(shipped('o1')),
          ),
          { minLength: 1, maxLength: 25 },
        )
        await fc.assert(
          fc.asyncProperty(history, fc.integer({ min: 1, max: 6 }), async (events, every) => {
            const streamId = newStream()
            await s.store.append(streamId, events)
            const snapshotting: DomainModel = { ...domain, snapshotPolicyFor: () => ({ every }) }
            const json = (v: unknown) => JSON.parse(JSON.stringify(v))
            // Reads at descending versions keep snapshots above the next read's version.
            for (const at of [events.length, Math.ceil(events.length / 2), 1, events.length]) {
              const full = await loadState(s.store, noSnapshots, streamId, at)
              const fromSnapshot = await loadState(s.store, snapshotting, streamId, at)
              assert.deepEqual(json(fromSnapshot), json(full))
            }
          }),
          { numRuns: 12 },
        )
      })
    })

    describe('snapshots', () => {
      const snapshot = (streamId: string, version: number, reducerVersion = '1') => ({
        streamId,
        version,
        reducerVersion,
        state: { status: 'paid', total: 12.5, items: [{ sku: 'A-1', quantity: 1 }], note: '' },
      })

      it('reads the latest snapshot at or below a version, of the asked reducer version only', async () => {
        const streamId = newStream()
        for (const v of [100, 200, 300]) await s.store.writeSnapshot(snapshot(streamId, v))
        await s.store.writeSnapshot(snapshot(streamId, 250, '2'))
        assert.equal((await s.store.readSnapshot(streamId, '1', 299))?.version, 200)
        assert.deepEqual(await s.store.readSnapshot(streamId, '1', 300), snapshot(streamId, 300))
        assert.equal(await s.store.readSnapshot(streamId, '1', 99), undefined)
        assert.equal((await s.store.readSnapshot(streamId, '2', 1000))?.version, 250)
        assert.equal(await s.store.readSnapshot(streamId, '3', 1000), undefined)
        assert.equal(await s.store.readSnapshot(newStream(), '1', 1000), undefined)
      })

      it('keeps the first snapshot of a version: writing it again neither overwrites nor fails', async () => {
        const streamId = newStream()
        await s.store.writeSnapshot(snapshot(streamId, 100))
        await s.store.writeSnapshot({ ...snapshot(streamId, 100), state: { other: true } })
        assert.deepEqual(await s.store.readSnapshot(streamId, '1', 100), snapshot(streamId, 100))
      })

      it('keeps snapshots out of the stream: reading the events sees none of them', async () => {
        const streamId = newStream()
        await s.store.append(streamId, [placed('o1')])
        await s.store.writeSnapshot(snapshot(streamId, 1))
        assert.deepEqual(
          (await s.store.readStream(streamId)).events.map((e) => e.version),
          [1],
        )
      })
    })
  })
}

async function readEverything(
  store: EventStore,
  range: { from?: string; to: string; types?: string[] },
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
