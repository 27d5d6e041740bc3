import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { domain, registry } from '../../functions/domain.ts'
import { EventStoreError } from '../../shared/errors.ts'
import type { DomainModel, Reducer } from '../../shared/events/reducer.ts'
import type { EventStorage } from '../../shared/store/event-storage.ts'
import { EventStore, type NewEvent } from '../../shared/store/event-store.ts'
import { InMemoryEventStorage } from '../../shared/store/in-memory/in-memory-event-storage.ts'
import { loadState } from '../../shared/store/load-state.ts'
import { MAX_SNAPSHOT_STATE_BYTES, reducerVersionOf } from '../../shared/store/snapshot.ts'

/** The in-memory storage, counting the calls of each method and failing snapshot writes on demand. */
function countingStorage() {
  const inner = new InMemoryEventStorage()
  const calls = new Map<string, number>()
  const state = { failSnapshotWrites: false }
  const storage = new Proxy(inner, {
    get(target, name: keyof EventStorage) {
      const method = target[name] as (...args: unknown[]) => Promise<unknown>
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1)
        if (name === 'writeSnapshot' && state.failSnapshotWrites) {
          return Promise.reject(new EventStoreError('DynamoDB request failed: AccessDeniedException'))
        }
        return method.apply(target, args)
      }
    },
  })
  const reads = () => (calls.get('readStream') ?? 0) + (calls.get('readSnapshot') ?? 0)
  return { storage, store: new EventStore({ storage, registry }), calls, state, reads }
}

const placed: NewEvent = {
  type: 'OrderPlaced',
  data: {
    orderId: 'o1',
    customerId: 'c-1',
    items: [{ sku: 'A-1', quantity: 1, unitPrice: 1 }],
    currency: 'EUR',
  },
}
const paid: NewEvent = { type: 'OrderPaid', data: { orderId: 'o1', amount: 0.01, currency: 'EUR' } }

async function appendMany(store: EventStore, streamId: string, count: number) {
  await store.append(streamId, [placed])
  for (let v = 2; v <= count; v += 99) {
    await store.append(
      streamId,
      Array.from({ length: Math.min(99, count - v + 1) }, () => paid),
    )
  }
}

describe('loadState with snapshots', () => {
  it('reads a 5,000-event stream in two reads once its snapshot is kept (six before)', async () => {
    const { store, reads, calls } = countingStorage()
    await appendMany(store, 'order-big', 5000)
    const first = await loadState(store, domain, 'order-big')
    // The snapshot query (none yet), then 5 pages of 1,000 events.
    assert.equal(reads(), 1 + 5)
    assert.equal(calls.get('writeSnapshot'), 1)
    calls.clear()
    const second = await loadState(store, domain, 'order-big')
    assert.deepEqual(second, first)
    assert.equal(reads(), 2)
    assert.equal(calls.get('writeSnapshot'), undefined)
  })

  it('folds an earlier version from the snapshot below it, not the one above', async () => {
    const { store, reads } = countingStorage()
    await appendMany(store, 'order-at', 450)
    await loadState(store, domain, 'order-at', 450)
    await loadState(store, domain, 'order-at', 250)
    const noSnapshots: DomainModel = { ...domain, snapshotPolicyFor: () => undefined }
    const before = reads()
    const at = await loadState(store, domain, 'order-at', 350)
    assert.equal(reads() - before, 2)
    assert.deepEqual(at, await loadState(store, noSnapshots, 'order-at', 350))
  })

  it('ignores the snapshots of a changed reducer version and keeps its own', async () => {
    const { store, storage } = countingStorage()
    await appendMany(store, 'order-v', 120)
    await storage.writeSnapshot({ streamId: 'order-v', version: 100, reducerVersion: 'old', state: 'stale' })
    const counter: Reducer<number> = { version: 'new', initialState: () => 0, apply: (n) => n + 1 }
    const counting: DomainModel = {
      registry,
      reducerFor: () => counter as Reducer,
      snapshotPolicyFor: () => ({ every: 100 }),
    }
    assert.equal((await loadState(store, counting, 'order-v')).state, 120)
    assert.equal((await storage.readSnapshot('order-v', 'new', 120))?.state, 100)
  })

  it('names a reducer without a declared version by a hash of its source, which a change moves', () => {
    const a: Reducer<number> = { initialState: () => 0, apply: (n) => n + 1 }
    const b: Reducer<number> = { initialState: () => 0, apply: (n) => n + 2 }
    assert.match(reducerVersionOf(a as Reducer), /^h[0-9a-f]{16}$/)
    assert.notEqual(reducerVersionOf(a as Reducer), reducerVersionOf(b as Reducer))
    assert.equal(reducerVersionOf({ ...a, version: '7' } as Reducer), '7')
  })

  it('answers the state when the snapshot write fails, and tells the caller why', async () => {
    const { store, state } = countingStorage()
    await appendMany(store, 'order-fail', 100)
    state.failSnapshotWrites = true
    const errors: unknown[] = []
    const loaded = await loadState(store, domain, 'order-fail', undefined, {
      onSnapshotWriteError: (e) => errors.push(e),
    })
    assert.equal(loaded.version, 100)
    assert.equal((errors[0] as Error).name, 'EventStoreError')
    assert.equal((await loadState(store, domain, 'order-fail')).version, 100)
  })

  it('keeps no snapshot of a state too large for one DynamoDB item', async () => {
    const { store, calls } = countingStorage()
    await appendMany(store, 'order-huge', 2)
    const huge: Reducer<string> = {
      initialState: () => '',
      apply: () => 'x'.repeat(MAX_SNAPSHOT_STATE_BYTES + 1),
    }
    const hugeDomain: DomainModel = {
      registry,
      reducerFor: () => huge as Reducer,
      snapshotPolicyFor: () => ({ every: 1 }),
    }
    assert.equal(
      ((await loadState(store, hugeDomain, 'order-huge')).state as string).length,
      MAX_SNAPSHOT_STATE_BYTES + 1,
    )
    assert.equal(calls.get('writeSnapshot'), undefined)
  })
})
