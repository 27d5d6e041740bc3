/**
 * The bench's `peers` part (`npm run bench -- --only=peers`), run as the bench runs it with the
 * quick sizes: every comparison reports both sides, and the call counts, which do not depend on the
 * machine's speed, come out as the README states them.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Figure } from '../../bench/lib/figure.ts'
import { PEERS_SECTION } from '../../bench/peers/peer-figure.ts'
import { runBenchPart } from '../helpers/bench-part.ts'

const value = (figures: Figure[], name: string) => {
  const f = figures.find((x) => x.name === name)
  assert.ok(f, `no figure "${name}"`)
  return f
}

describe('bench against the peers', () => {
  it('measures every comparison on both sides, with the ratio and a target', {
    timeout: 120_000,
  }, async () => {
    const figures = await runBenchPart('peers')
    assert.equal(figures.length, 17)
    for (const f of figures) {
      assert.equal(f.section, PEERS_SECTION)
      assert.ok(Number.isFinite(f.value) && f.value > 0, `${f.name}: ours ${f.value}`)
      assert.ok(f.baseline !== undefined && f.baseline > 0, `${f.name}: peer ${f.baseline}`)
      assert.ok(f.ratio !== undefined && Number.isFinite(f.ratio), `${f.name}: ratio ${f.ratio}`)
      assert.ok(f.target, `${f.name} has no target`)
    }
    // Call counts are exact: the keyed append and the consumer make fewer calls than the peers.
    const keyed = value(figures, 'append 3 events atomically, idempotency key: AWS calls per append')
    assert.deepEqual([keyed.value, keyed.baseline], [2, 3])
    const atomic = value(figures, 'append 3 events atomically: AWS calls per append')
    assert.deepEqual([atomic.value, atomic.baseline], [1, 1])
    const consumer = value(figures, 'consumer, warm: AWS calls per record')
    assert.ok(consumer.value <= 1.05 && consumer.baseline === 3, `${consumer.value} vs ${consumer.baseline}`)
  })
})
