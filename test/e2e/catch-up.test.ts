/**
 * A consumer added later that starts from `beginning` (the example's daily-sales), on the local
 * runtime: a stack runs without it and stores history; the next start (the consumer now declared)
 * catches it up through a replay to its queue while events keep being published, and the report ends
 * with exactly one effect per historic and live event. A further start finds the completed catch-up
 * and sends nothing again; a replay of everything on top changes nothing (deduplication).
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { declaredBackbone } from '../../infra/local/declaration.ts'
import type { ReplayResponse } from '../../shared/replay/response.ts'
import { catchUpJobId } from '../../shared/topology/start-position.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { inBoundedParallel, newOrder, orderShipped, publish } from '../helpers/orders.ts'
import { addSale, reportTotals, type SalesTotals, sale } from '../helpers/sales-report.ts'
import { allQueuesEmpty } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const CONSUMER = 'daily-sales'
const JOB = catchUpJobId(CONSUMER)
/**
 * At the replay's default 100 events/s, 2 × 400 matching events take 8 s to catch up: time to publish
 * during it, even while the first live requests wait for their functions' cold starts.
 */
const HISTORIC_SALES = 400

const withoutConsumer = {
  ...declaredBackbone,
  consumers: declaredBackbone.consumers.filter((c) => c.name !== CONSUMER),
}

async function publishSale(t: TestStack, n: number, expected: SalesTotals): Promise<void> {
  const { streamId, orderId } = newOrder()
  await publish(t.stack.urls.http, streamId, sale(n, orderId).events)
  addSale(expected, n)
}

const jobStatus = (t: TestStack) => t.invoke<ReplayResponse>('replay', { jobId: JOB })

describe('a consumer added with startFrom "beginning"', () => {
  let dataDir: string
  let t: TestStack | undefined
  const expected: SalesTotals = {}
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'backbone-catch-up-'))
  })
  after(async () => {
    await t?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('ends with exactly one effect per historic and live event, with events published during its catch-up', async (c) => {
    // The deployment before: no daily-sales, so its history is stored with no one to report it.
    t = await startTestStack({ backbone: withoutConsumer, dataDir })
    assert.deepEqual(t.stack.catchUps.requests, [])
    const historic = Array.from({ length: HISTORIC_SALES }, (_, n) => n)
    const settled = await inBoundedParallel(historic, 16, (n) => publishSale(t as TestStack, n, expected))
    assert.deepEqual(
      settled.filter((s) => s.status === 'rejected'),
      [],
    )
    // An event its filter policy keeps out, in history as it would be live.
    const shipped = newOrder()
    await publish(t.stack.urls.http, shipped.streamId, [orderShipped(shipped.orderId)])
    await until(
      'the old stack drained',
      () => t?.status(),
      (s) => s !== undefined && allQueuesEmpty(s),
    )
    await t.stop()

    // The deployment after: daily-sales declared; the start catches it up.
    t = await startTestStack({ dataDir })
    assert.deepEqual(
      t.stack.catchUps.requests.map((r) => r.jobId),
      [JOB],
    )
    let n = HISTORIC_SALES
    let duringCatchUp = 0
    for (let status = 'running'; status === 'running' && n < HISTORIC_SALES + 1000; n++) {
      await publishSale(t, n, expected)
      status = (await jobStatus(t).catch(() => ({ status: 'running' }) as const)).status
      if (status === 'running') duringCatchUp++
    }
    // After it, live only.
    for (const end = n + 5; n < end; n++) await publishSale(t, n, expected)
    assert.ok(duringCatchUp > 0, 'some sales were published while the catch-up ran')

    const [outcome] = await t.stack.catchUps.done
    assert.equal(outcome && 'status' in outcome.result && outcome.result.status, 'completed')
    const job = await jobStatus(t)
    assert.equal(job.status, 'completed')
    assert.equal(job.failed, 0)
    // Everything stored before the job started; sales published in between count here and live.
    assert.ok(job.matched >= 2 * HISTORIC_SALES, `matched ${job.matched}`)
    assert.ok(job.matched <= 2 * n, `matched ${job.matched}`)
    c.diagnostic(
      `${duringCatchUp} sales published during the catch-up; ${job.matched - 2 * HISTORIC_SALES} live events also replayed`,
    )
    await until(
      'the report to count every sale',
      () => reportTotals((t as TestStack).db),
      (totals) => JSON.stringify(totals) === JSON.stringify(sorted(expected, totals)),
      { timeoutMs: 60_000 },
    )
    const status = await until('every queue drained', () => (t as TestStack).status(), allQueuesEmpty)
    assert.deepEqual(status.eventSources[CONSUMER]?.dlq, { visible: 0, inFlight: 0 })
    assert.deepEqual(await reportTotals(t.db), sorted(expected, await reportTotals(t.db)))
  })

  it('finds its completed catch-up on the next start and sends nothing again', async () => {
    const before = await jobStatus(t as TestStack)
    await t?.stop()
    t = await startTestStack({ dataDir })
    const [outcome] = await t.stack.catchUps.done
    assert.equal(outcome && 'status' in outcome.result && outcome.result.status, 'completed')
    const after = await jobStatus(t)
    assert.deepEqual(
      { sent: after.sent, invocations: after.invocations, finishedAt: after.finishedAt },
      { sent: before.sent, invocations: before.invocations, finishedAt: before.finishedAt },
    )
  })

  it('counts nothing twice when the whole history is replayed to it again', async () => {
    const stack = t as TestStack
    const replay = await stack.invoke<ReplayResponse>('replay', {
      target: { consumer: CONSUMER },
      ratePerSecond: 10_000,
    })
    assert.equal(replay.status, 'completed')
    assert.ok(replay.sent > 2 * HISTORIC_SALES)
    await until('the replay consumed', () => stack.status(), allQueuesEmpty)
    assert.deepEqual(await reportTotals(stack.db), sorted(expected, await reportTotals(stack.db)))
  })

  it('is not caught up again when its start position changes later, and npm start says why', async () => {
    const stack = t as TestStack
    const before = await jobStatus(stack)
    await stack.stop()
    const later = {
      ...declaredBackbone,
      consumers: declaredBackbone.consumers.map((c) =>
        c.name === CONSUMER ? { ...c, startFrom: { time: '2026-01-01T00:00:00Z' } } : c,
      ),
    }
    t = await startTestStack({ backbone: later, dataDir })
    const [outcome] = await t.stack.catchUps.done
    assert.ok(outcome && 'failed' in outcome.result, JSON.stringify(outcome))
    assert.match(outcome.result.failed, /job catch-up-daily-sales exists with a different request/)
    assert.deepEqual((await jobStatus(t)).sent, before.sent)
    assert.deepEqual(await reportTotals(t.db), sorted(expected, await reportTotals(t.db)))
  })
})

/** `expected` with its currencies in `actual`'s key order, so the two compare as JSON. */
function sorted(expected: SalesTotals, actual: SalesTotals): SalesTotals {
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])]
  return Object.fromEntries(keys.flatMap((k) => (expected[k] ? [[k, expected[k]]] : [])))
}
