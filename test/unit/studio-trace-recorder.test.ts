/** Event Studio's trace store: hops per event with their latency from publish, counts, and its bound. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  MAX_HOPS_PER_EVENT,
  MAX_TRACED_EVENTS,
  TraceRecorder,
} from '../../infra/local/studio/trace/recorder.ts'
import { HopKind } from '../../infra/local/studio/trace/types.ts'

const published = Date.parse('2026-01-01T00:00:00.000Z')

describe('the trace recorder', () => {
  it('records each hop with its latency from the stored time, and counts it against its node', () => {
    const r = new TraceRecorder()
    r.describe('e1', {
      streamId: 'order-1',
      version: 1,
      type: 'OrderPlaced',
      time: '2026-01-01T00:00:00.000Z',
    })
    r.hop('e1', { kind: HopKind.Stored, at: published + 5 }, 'events')
    r.hop('e1', { kind: HopKind.Delivered, at: published + 20, consumer: 'order-summary', messageId: 'm1' })
    r.hop('e1', { kind: HopKind.Handled, at: published + 45, consumer: 'order-summary', messageId: 'm1' })
    const trace = r.trace('e1')
    assert.deepEqual(
      trace?.hops.map((h) => [h.kind, h.sincePublishMs]),
      [
        ['stored', 5],
        ['delivered', 20],
        ['handled', 45],
      ],
    )
    assert.equal(trace?.streamId, 'order-1')
    const counts = r.counts()
    assert.equal(counts.stored, 1)
    assert.deepEqual(counts.nodes['order-summary'], { delivered: 1, handled: 1 })
  })

  it('knows whether a consumer already handled an event, per consumer', () => {
    const r = new TraceRecorder()
    r.hop('e1', { kind: HopKind.Handled, at: published, consumer: 'order-summary' })
    assert.equal(r.handledBefore('e1', 'order-summary'), true)
    assert.equal(r.handledBefore('e1', 'shipping-notifier'), false)
    assert.equal(r.handledBefore('e2', 'order-summary'), false)
  })

  it('forgets the oldest event past its bound, never the newest', () => {
    const r = new TraceRecorder()
    for (let i = 0; i <= MAX_TRACED_EVENTS; i++) r.hop(`e${i}`, { kind: HopKind.Stored, at: published + i })
    assert.equal(r.trace('e0'), undefined)
    assert.ok(r.trace('e1'))
    assert.ok(r.trace(`e${MAX_TRACED_EVENTS}`))
  })

  it('keeps at most a bounded number of hops per event, still counting the rest', () => {
    const r = new TraceRecorder()
    for (let i = 0; i < MAX_HOPS_PER_EVENT + 5; i++) {
      r.hop('e1', { kind: HopKind.Delivered, at: published + i, consumer: 'a' })
    }
    assert.equal(r.trace('e1')?.hops.length, MAX_HOPS_PER_EVENT)
    assert.equal(r.counts().nodes.a?.delivered, MAX_HOPS_PER_EVENT + 5)
  })

  it('tracks the oldest message still in a queue until it is deleted or moved', () => {
    const r = new TraceRecorder()
    r.enqueued('order-summary', 'm1', published)
    r.enqueued('order-summary', 'm2', published + 1000)
    assert.equal(r.oldestPending('order-summary'), published)
    r.settled('order-summary', 'm1')
    assert.equal(r.oldestPending('order-summary'), published + 1000)
    r.settled('order-summary', 'm2')
    assert.equal(r.oldestPending('order-summary'), undefined)
  })

  it('buckets stored and handled events for the throughput and latency history, replays left out', () => {
    const r = new TraceRecorder()
    r.describe('e1', { time: new Date(published).toISOString() })
    r.hop('e1', { kind: HopKind.Stored, at: published + 10 }, 'events')
    r.hop('e1', { kind: HopKind.Handled, at: published + 100, consumer: 'a' })
    r.hop('e1', { kind: HopKind.Handled, at: published + 300, consumer: 'b' })
    r.hop('e1', { kind: HopKind.Handled, at: published + 900, consumer: 'a', replay: true })
    const [bucket] = r.history(published + 1000)
    assert.deepEqual(bucket, { start: published, stored: 1, handled: 2, latencyMsTotal: 400 })
  })
})
