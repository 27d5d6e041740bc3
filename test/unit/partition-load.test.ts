/**
 * A partition simulation: seconds of a busy day's traffic (10,000 events/s over 100,000 streams,
 * Zipf-skewed, plus one hot stream) run through the real key functions of every item the backbone
 * writes per event, counting writes per partition key per second. Nothing is written to a database:
 * what DynamoDB throttles is the rate per key, and that follows from the keys alone.
 *
 * Assumptions: every item is at most 1 KB (1 write unit; an order event is ~0.5 KB), and the
 * per-partition limit is 1,000 write units/s (DynamoDB developer guide, "Partitions and data
 * distribution", as of 2026). One stream is one partition of the table by design, so a stream's own
 * rate is its ceiling (README, "Replay": about 1,000 events/s); the hot stream stays below it.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dedupKey } from '../../shared/consumer/dynamodb/dedup-table-schema.ts'
import { guardKey, toEventItem } from '../../shared/store/dynamodb/items.ts'
import { dayOf } from '../../shared/store/dynamodb/time-index.ts'
import type { StoredEvent } from '../../shared/store/event-store.ts'
import { TimeIndexShards } from '../../shared/store/table-schema.ts'

const PARTITION_WCU_PER_SECOND = 1_000
const EVENTS_PER_SECOND = 10_000
const STREAMS = 100_000
/** Zipf exponent of stream popularity: the busiest order stream takes ~2% of the traffic. */
const ZIPF_S = 0.8
/**
 * The hot stream's rate: appends to one stream serialize on its version (read head, conditional
 * write), so a single aggregate this busy is already an outlier.
 */
const HOT_STREAM_PER_SECOND = 100
/** Seconds simulated, spread over one UTC day (they share the day's time index partitions). */
const SECONDS = ['00:00:01', '06:30:00', '12:00:00', '18:45:30', '23:59:59']
const CONSUMERS = ['order-summary', 'shipping-notifier']

/** A small seeded generator (mulberry32): the simulation is the same on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Stream picker: rank r (0-based) drawn with weight 1/(r+1)^s, by binary search of the CDF. */
function zipfPicker(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n)
  let total = 0
  for (let r = 0; r < n; r++) {
    total += 1 / (r + 1) ** s
    cdf[r] = total
  }
  return () => {
    const x = rand() * total
    let [lo, hi] = [0, n - 1]
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((cdf[mid] as number) < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** Writes per partition key in one second, per table or index. */
type Load = Map<string, Map<string, number>>

function count(load: Load, table: string, key: string): void {
  const keys = load.get(table) ?? new Map<string, number>()
  keys.set(key, (keys.get(key) ?? 0) + 1)
  load.set(table, keys)
}

/** One second of traffic, keyed as the code keys it, with the index keyed by `indexKey`. */
function simulateSecond(second: string, seed: number, indexKey: (e: StoredEvent) => string): Load {
  const rand = random(seed)
  const pick = zipfPicker(STREAMS, ZIPF_S, rand)
  const versions = new Map<string, number>()
  const load: Load = new Map()
  for (let i = 0; i < EVENTS_PER_SECOND; i++) {
    const streamId = i < HOT_STREAM_PER_SECOND ? 'order-hot' : `order-${pick()}`
    const version = (versions.get(streamId) ?? 0) + 1
    versions.set(streamId, version)
    const time = `2026-06-01T${second}.${String(i % 1000).padStart(3, '0')}Z`
    const event = {
      streamId,
      version,
      id: `${seed}-${i}`,
      type: 'OrderPaid',
      schemaVersion: 1,
      data: {},
      metadata: {},
      time,
    }
    count(load, 'events table', toEventItem(event, TimeIndexShards.default).streamId)
    count(load, 'byTime index', indexKey(event))
    // Half the requests carry an Idempotency-Key: its guard is an item of the events table too.
    if (i % 2 === 0) count(load, 'events table (guards)', guardKey(`key-${seed}-${i}`).streamId)
    // Each consumer claims, then completes, its dedup record: two writes on the same key.
    for (const consumer of CONSUMERS) {
      count(load, 'consumer dedup table', dedupKey(consumer, event.id))
      count(load, 'consumer dedup table', dedupKey(consumer, event.id))
    }
  }
  return load
}

/** The busiest key of each table over every simulated second. */
function peaks(indexKey: (e: StoredEvent) => string): Map<string, { key: string; writes: number }> {
  const out = new Map<string, { key: string; writes: number }>()
  SECONDS.forEach((second, n) => {
    for (const [table, keys] of simulateSecond(second, n + 1, indexKey)) {
      for (const [key, writes] of keys) {
        if (writes > (out.get(table)?.writes ?? 0)) out.set(table, { key, writes })
      }
    }
  })
  return out
}

const sharded = (shards: number) => (e: StoredEvent) => toEventItem(e, shards).timeBucket

describe('partition load of a busy day (simulated, 10,000 events/s over 100,000 streams)', () => {
  it('keeps every partition key of every table and index under 1,000 writes/s at the default shard count', (t) => {
    const busiest = peaks(sharded(TimeIndexShards.default))
    for (const [table, { key, writes }] of busiest)
      t.diagnostic(`${table}: busiest key ${key}, ${writes} writes/s`)
    assert.deepEqual([...busiest.keys()].sort(), [
      'byTime index',
      'consumer dedup table',
      'events table',
      'events table (guards)',
    ])
    for (const [table, { key, writes }] of busiest) {
      assert.ok(writes <= PARTITION_WCU_PER_SECOND, `${table}: ${key} takes ${writes} writes/s`)
    }
    // The index shards share the day evenly enough to leave headroom for bursts.
    const index = busiest.get('byTime index')
    assert.ok(index && index.writes < 0.9 * PARTITION_WCU_PER_SECOND, `busiest shard ${index?.writes}/s`)
    // A stream's own partition carries only that stream, far below its ceiling.
    assert.ok((busiest.get('events table')?.writes ?? 0) < PARTITION_WCU_PER_SECOND / 2)
  })

  it('throttles on the day-only index key of before sharding, and on too few shards', () => {
    const dayOnly = peaks((e) => dayOf(e.time)).get('byTime index')
    assert.equal(dayOnly?.writes, EVENTS_PER_SECOND)
    assert.ok((dayOnly?.writes ?? 0) > PARTITION_WCU_PER_SECOND)
    const four = peaks(sharded(4)).get('byTime index')
    assert.ok((four?.writes ?? 0) > PARTITION_WCU_PER_SECOND, `4 shards: ${four?.writes}/s`)
  })
})
