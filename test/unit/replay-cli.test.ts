import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ReplayUsageError, requestFromArgs } from '../../scripts/lib/replay-args.ts'
import { progressLine } from '../../scripts/lib/replay-progress.ts'
import type { ReplayResponse } from '../../shared/replay/response.ts'

describe('replay command line', () => {
  it('turns flags into the JSON request the Lambda console takes', () => {
    const args =
      '--consumer order-summary --types OrderPlaced,OrderPaid --type OrderShipped --from 2026-01-01T00:00:00Z --dry-run --rate 100 --reprocess'
    assert.deepEqual(requestFromArgs(args.split(' ')), {
      target: { consumer: 'order-summary' },
      filter: { types: ['OrderPlaced', 'OrderPaid', 'OrderShipped'], from: '2026-01-01T00:00:00Z' },
      dryRun: true,
      ratePerSecond: 100,
      reprocess: true,
    })
    assert.deepEqual(requestFromArgs(['--topic', 'orders', '--stream', 'order-1', '--stream', 'order-2']), {
      target: { topic: 'orders' },
      filter: { streamIds: ['order-1', 'order-2'] },
    })
    assert.deepEqual(requestFromArgs(['--job-id', 'j-1', '--cancel']), { jobId: 'j-1', cancel: true })
  })

  it('passes a JSON request through unchanged', () => {
    const request = { target: { topic: 'orders' }, filter: { from: '2026-01-01T00:00:00Z' } }
    assert.deepEqual(requestFromArgs(['--request', JSON.stringify(request)]), request)
  })

  it('rejects unknown flags, a non-numeric rate and malformed JSON', () => {
    assert.throws(() => requestFromArgs(['--consumr', 'x']), ReplayUsageError)
    assert.throws(() => requestFromArgs(['--consumer', 'x', '--rate', 'fast']), /--rate/)
    assert.throws(() => requestFromArgs(['--request', '{target']), /not JSON/)
    assert.throws(() => requestFromArgs(['--consumer', 'a', '--topic', 'b']), /not both/)
  })

  it('draws a progress line with the share done and the counts', () => {
    const status = { status: 'running', progress: 0.5, sent: 500, failed: 1, matched: 501, dryRun: false }
    const line = progressLine(status as ReplayResponse, 10_000)
    assert.match(line, /^\[#{15}-{15}\] {2}50% sent 500 failed 1 50\/s running$/)
  })
})
