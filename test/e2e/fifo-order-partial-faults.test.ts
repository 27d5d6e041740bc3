/**
 * Per-stream order when SNS accepts only part of each batch: the relay's PublishBatch calls go
 * through the fault proxy, which fails a seeded tenth of the entries (InternalError, SenderFault
 * false; each message once, as a transient fault) and forwards the rest. The relay must retry the failed events without letting a later
 * event of their stream go ahead of them, and without losing one: every order's history ends with
 * every note, in version order, each once, and nothing is dead-lettered or given up on.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type FaultProxy, onlyFirstAttempt, seededRatio } from '../../infra/local/faults/index.ts'
import { assertHistoriesInOrder } from '../helpers/fifo-history.ts'
import { snsFaultProxy, startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { publishNotes } from '../helpers/notes.ts'
import { newOrder } from '../helpers/orders.ts'
import { allQueuesEmpty } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const STREAMS = 50
const NOTES = 20
const FAILED_SHARE = 0.1
const SEED = 12

describe('per-stream order under partial SNS failures', () => {
  let t: TestStack
  let sns: FaultProxy
  before(async () => {
    t = await startTestStack({ faults: { sns: true } })
    sns = snsFaultProxy(t)
  })
  after(() => t?.stop())

  it(`delivers ${STREAMS} streams × ${NOTES} notes in version order, with no gap and no duplicate, while SNS fails some entries of every batch`, async (ctx) => {
    sns.failEntries(onlyFirstAttempt(seededRatio(FAILED_SHARE, SEED)))
    const orders = Array.from({ length: STREAMS }, () => newOrder())
    const started = Date.now()
    assert.deepEqual(await publishNotes(t.stack.urls.http, orders, NOTES), [])
    await assertHistoriesInOrder(t.db, orders, NOTES, 60_000)
    const status = await until('every queue empty', () => t.status(), allQueuesEmpty)
    const failed = sns.stats().failedEntries
    sns.recover()
    // A test that injected nothing would prove nothing.
    assert.ok(failed >= 20, `the proxy failed ${failed} entries`)
    for (const [name, source] of Object.entries(status.eventSources))
      assert.deepEqual(source.dlq, { visible: 0, inFlight: 0 }, `${name} DLQ`)
    assert.deepEqual(status.relayFailures, { visible: 0, inFlight: 0 }, 'no stream batch was given up on')
    ctx.diagnostic(`${failed} entries failed, all delivered in ${Date.now() - started} ms`)
  })
})
