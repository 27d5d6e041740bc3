import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import { Logger } from '@aws-lambda-powertools/logger'
import { registry } from '../../functions/domain.ts'
import { InMemoryChannel } from '../../shared/channels/in-memory/in-memory-channel.ts'
import type { OutboundEnvelope } from '../../shared/channels/ports.ts'
import type { InvocationBudget, ReplayDeps } from '../../shared/replay/deps.ts'
import { ReplayRequestError } from '../../shared/replay/errors.ts'
import { handleReplayRequest } from '../../shared/replay/handle-request.ts'
import { InMemoryReplayJobStore } from '../../shared/replay/in-memory/in-memory-job-store.ts'
import type { ReplayResponse } from '../../shared/replay/response.ts'
import { CHECKPOINT_BATCHES, MAX_IN_FLIGHT } from '../../shared/replay/run-job.ts'
import { FIRST_PAGE_SIZE } from '../../shared/replay/source.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { InMemoryEventStorage } from '../../shared/store/in-memory/in-memory-event-storage.ts'
import { exampleTopology } from '../helpers/topology.ts'

const queues = {
  'order-summary': 'https://sqs.local/order-summary',
  'shipping-notifier': 'https://sqs.local/shipping',
}
const topicArn = 'arn:aws:sns:us-east-1:000000000000:orders'
const from = '2026-01-01T00:00:00Z'
const placed = (i: number) => ({
  type: 'OrderPlaced',
  data: {
    orderId: `o-${i}`,
    customerId: 'c-1',
    items: [{ sku: 'A', quantity: 1, unitPrice: 2 }],
    currency: 'EUR',
  },
})
const shipped = (i: number) => ({
  type: 'OrderShipped',
  data: { orderId: `o-${i}`, carrier: 'DHL', trackingNumber: `T${i}` },
})

interface World {
  deps: ReplayDeps
  channel: InMemoryChannel
  store: EventStore
  jobs: InMemoryReplayJobStore
  continuations: Array<{ jobId: string; continuationToken: string }>
  clock: { ms: number }
  /** A budget of `ms` from now on the virtual clock, keeping `marginMs` back. */
  budget(ms?: number, marginMs?: number): InvocationBudget
}

/** In-memory adapters and a virtual clock: sleeping advances it, so rates and deadlines are exact. */
function world(): World {
  const clock = { ms: Date.parse('2026-02-01T10:00:00.000Z') }
  const store = new EventStore({
    storage: new InMemoryEventStorage(),
    registry,
    clock: () => new Date(clock.ms),
  })
  const channel = new InMemoryChannel()
  const jobs = new InMemoryReplayJobStore()
  const continuations: World['continuations'] = []
  const deps: ReplayDeps = {
    events: store,
    jobs,
    registry,
    channels: { queue: channel, topic: channel },
    topology: exampleTopology(queues),
    continuation: {
      continueJob: async (jobId, continuationToken) => {
        continuations.push({ jobId, continuationToken })
      },
    },
    source: 'urn:test',
    logger: new Logger({ logLevel: 'SILENT' }),
    now: () => clock.ms,
    sleep: async (ms) => {
      clock.ms += ms
    },
  }
  const budget = (ms = 900_000, marginMs = 1_000): InvocationBudget => {
    const end = clock.ms + ms
    return { remainingMs: () => end - clock.ms, marginMs }
  }
  return { deps, channel, store, jobs, continuations, clock, budget }
}

/** Appends `count` events, 1 ms apart, over streams of five: OrderPlaced then OrderShipped alternating. */
async function seed(w: World, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    w.clock.ms += 1
    const { events } = await w.store.append(`order-${Math.floor(i / 5)}`, [
      i % 2 === 0 ? placed(i) : shipped(i),
    ])
    ids.push((events[0] as { id: string }).id)
  }
  w.clock.ms += 1
  return ids
}

const sentIds = (w: World) => w.channel.sent.map((s) => s.envelope.id)
const fast = { ratePerSecond: 10_000 }

describe('replay run', () => {
  let w: World
  beforeEach(() => {
    w = world()
  })

  it('sends to the targeted consumer only, in full batches of 10, as replays with their original ids', async () => {
    const ids = await seed(w, 95)
    const out = await handleReplayRequest(
      { target: { consumer: 'order-summary' }, filter: { from }, ...fast },
      w.deps,
      w.budget(),
    )
    assert.equal(out.status, 'completed')
    assert.deepEqual([out.matched, out.sent, out.failed], [95, 95, 0])
    assert.deepEqual(new Set(w.channel.sent.map((s) => s.target)), new Set([queues['order-summary']]))
    assert.deepEqual(sentIds(w), ids)
    assert.ok(w.channel.sent.every((s) => s.envelope.replay === true && s.envelope.reprocess === undefined))
    assert.ok(w.channel.calls.length <= 0.11 * 95, `${w.channel.calls.length} calls`)
    assert.ok(w.channel.calls.slice(0, -1).every((c) => c.entries === 10))
  })

  it("sends a consumer only the events its subscription's filter policy lets through", async () => {
    await seed(w, 20)
    const out = await handleReplayRequest(
      { target: { consumer: 'shipping-notifier' }, filter: { from } },
      w.deps,
      w.budget(),
    )
    assert.equal(out.sent, 10)
    assert.ok(
      w.channel.sent.every(
        (s) => s.envelope.type === 'OrderShipped' && s.target === queues['shipping-notifier'],
      ),
    )
  })

  it('publishes to a topic when the target is a topic, and marks reprocessing when asked', async () => {
    await seed(w, 12)
    const out = await handleReplayRequest(
      { target: { topic: 'orders' }, filter: { from }, reprocess: true },
      w.deps,
      w.budget(),
    )
    assert.equal(out.sent, 12)
    assert.ok(w.channel.sent.every((s) => s.target === topicArn && s.envelope.reprocess === true))
  })

  it('filters by stream ids, types and time range', async () => {
    await seed(w, 10)
    w.clock.ms += 86_400_000
    await seed(w, 10)
    const count = async (filter: Record<string, unknown>) =>
      (await handleReplayRequest({ target: { topic: 'orders' }, filter, dryRun: true }, w.deps, w.budget()))
        .matched
    assert.equal(await count({ streamIds: ['order-1'] }), 10)
    assert.equal(await count({ streamIds: ['order-0', 'order-1'], types: ['OrderShipped'] }), 10)
    assert.equal(await count({ from, types: ['OrderPlaced'] }), 10)
    assert.equal(await count({ from: '2026-02-02T00:00:00Z' }), 10)
    assert.equal(await count({ from, to: '2026-02-02T00:00:00Z' }), 10)
    assert.equal(await count({ streamIds: ['order-1'], from: '2026-02-02T00:00:00Z' }), 5)
    assert.equal(w.channel.sent.length, 0)
  })

  it('answers a dry run with the count and the first and last event, sending nothing; a real run sends that count', async () => {
    const ids = await seed(w, 37)
    const request = { target: { consumer: 'order-summary' }, filter: { from, types: ['OrderShipped'] } }
    const dry = await handleReplayRequest({ ...request, dryRun: true }, w.deps, w.budget())
    assert.deepEqual([dry.status, dry.matched, dry.sent, w.channel.sent.length], ['completed', 18, 0, 0])
    assert.equal(dry.first?.id, ids[1])
    assert.equal(dry.last?.id, ids[35])
    const real = await handleReplayRequest({ ...request, ...fast }, w.deps, w.budget())
    assert.equal(real.sent, dry.matched)
    assert.equal(w.channel.sent.length, dry.matched)
  })

  it('holds the send rate to the cap', async () => {
    await seed(w, 60)
    const start = w.clock.ms
    await handleReplayRequest(
      { target: { consumer: 'order-summary' }, filter: { from }, ratePerSecond: 40 },
      w.deps,
      w.budget(),
    )
    const expectedMs = (60 / 40) * 1000
    const elapsed = w.clock.ms - start
    assert.ok(
      elapsed >= expectedMs / 1.1 && elapsed <= expectedMs * 1.1,
      `${elapsed} ms for 60 events at 40/s`,
    )
  })

  it('checkpoints and hands over to a continuation before the deadline; continuations finish without loss', async () => {
    const ids = await seed(w, 95)
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ratePerSecond: 100 }
    // 1 s budget, 0.5 s margin, 0.1 s per batch: a few batches per invocation.
    let out: ReplayResponse = await handleReplayRequest(request, w.deps, w.budget(1000, 500))
    assert.equal(out.status, 'running')
    const status = await handleReplayRequest({ jobId: out.jobId }, w.deps, w.budget())
    assert.equal(status.sent, out.sent, 'a status request does not run a job handed to a continuation')
    for (let i = 0; out.status === 'running' && i < 50; i++) {
      const next = w.continuations.shift()
      assert.ok(next, 'a continuation was started')
      out = await handleReplayRequest(next, w.deps, w.budget(1000, 500))
    }
    assert.equal(out.status, 'completed')
    assert.ok(out.invocations > 2, `${out.invocations} invocations`)
    assert.deepEqual(sentIds(w), ids)
  })

  it('continues from the middle of pages of every size without sending an event twice or losing one', async () => {
    // Pages of 100, 200, 400…: ~27 batches per invocation stop inside a page read with more events
    // than the next invocation's first page would hold.
    const ids = await seed(w, FIRST_PAGE_SIZE * 9 + 5)
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ratePerSecond: 100 }
    let out: ReplayResponse = await handleReplayRequest(request, w.deps, w.budget(3200, 500))
    for (let i = 0; out.status === 'running' && i < 100; i++) {
      const next = w.continuations.shift()
      assert.ok(next, 'a continuation was started')
      out = await handleReplayRequest(next, w.deps, w.budget(3200, 500))
    }
    assert.ok(out.invocations > 2, `${out.invocations} invocations`)
    assert.equal(out.status, 'completed')
    assert.deepEqual(sentIds(w), ids)
  })

  it('resumes a crashed run from its last checkpoint via { jobId } once its lease has expired: nothing lost, a bounded re-send', async () => {
    const ids = await seed(w, (CHECKPOINT_BATCHES + 10) * 10 + 5)
    const dyingCall = CHECKPOINT_BATCHES + 5
    let calls = 0
    // The execution environment dies mid-send: that run never gets further, and nothing marks the job.
    const dying = {
      sendBatch: (url: string, envelopes: readonly OutboundEnvelope[]) =>
        ++calls === dyingCall ? new Promise<never>(() => {}) : w.channel.sendBatch(url, envelopes),
    }
    const deps = { ...w.deps, channels: { ...w.deps.channels, queue: dying }, newId: () => 'job-crash' }
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ...fast }
    void handleReplayRequest(request, deps, w.budget(60_000))
    for (let i = 0; i < 1000 && calls < dyingCall + MAX_IN_FLIGHT - 1; i++)
      await new Promise((r) => setImmediate(r))
    const held = await handleReplayRequest({ jobId: 'job-crash' }, w.deps, w.budget())
    assert.deepEqual([held.status, held.sent], ['running', CHECKPOINT_BATCHES * 10])
    w.clock.ms += 61_000
    const resumed = await handleReplayRequest({ jobId: 'job-crash' }, w.deps, w.budget())
    assert.equal(resumed.status, 'completed')
    assert.deepEqual([...new Set(sentIds(w))].sort(), [...ids].sort())
    const resent = sentIds(w).length - ids.length
    assert.ok(resent <= (CHECKPOINT_BATCHES + MAX_IN_FLIGHT) * 10, `${resent} events sent twice`)
  })

  it('marks a run that stops on an error failed, with the error, and { jobId } resumes it at once from its last checkpoint', async () => {
    const ids = await seed(w, (CHECKPOINT_BATCHES + 10) * 10 + 5)
    let calls = 0
    const failing = {
      sendBatch: (url: string, envelopes: readonly OutboundEnvelope[]) => {
        if (++calls === CHECKPOINT_BATCHES + 5) throw new Error('queue endpoint unreachable')
        return w.channel.sendBatch(url, envelopes)
      },
    }
    const deps = { ...w.deps, channels: { ...w.deps.channels, queue: failing }, newId: () => 'job-fail' }
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ...fast }
    await assert.rejects(handleReplayRequest(request, deps, w.budget(60_000)), /unreachable/)
    const failed = await w.jobs.get('job-fail')
    assert.deepEqual([failed?.status, failed?.sent], ['failed', CHECKPOINT_BATCHES * 10])
    assert.match(failed?.error ?? '', /queue endpoint unreachable/)
    const resumed = await handleReplayRequest({ jobId: 'job-fail' }, w.deps, w.budget())
    assert.equal(resumed.status, 'completed')
    assert.equal(resumed.error, undefined)
    assert.deepEqual([...new Set(sentIds(w))].sort(), [...ids].sort())
    const resent = sentIds(w).length - ids.length
    assert.ok(resent <= (CHECKPOINT_BATCHES + MAX_IN_FLIGHT) * 10, `${resent} events sent twice`)
  })

  it('never saves a cursor past a batch still in flight, whatever order the sends finish in', async () => {
    const ids = await seed(w, 80)
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let calls = 0
    const slowSecond = {
      sendBatch: async (url: string, envelopes: readonly OutboundEnvelope[]) => {
        if (++calls === 2) await held
        return w.channel.sendBatch(url, envelopes)
      },
    }
    const deps = { ...w.deps, channels: { ...w.deps.channels, queue: slowSecond }, newId: () => 'job-order' }
    // 10/s: a batch a second, so every batch is due for a checkpoint (CHECKPOINT_MS).
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ratePerSecond: 10 }
    const running = handleReplayRequest(request, deps, w.budget())
    for (let i = 0; i < 100 && calls < MAX_IN_FLIGHT + 1; i++) await new Promise((r) => setImmediate(r))
    assert.equal(calls, MAX_IN_FLIGHT + 1, 'the batches after the slow one are sent meanwhile')
    const saved = await w.jobs.get('job-order')
    assert.equal(saved?.sent, 10)
    assert.equal(saved?.last?.id, ids[9])
    release()
    const out = await running
    assert.deepEqual([out.status, out.sent], ['completed', 80])
    assert.deepEqual([...sentIds(w)].sort(), [...ids].sort())
  })

  it('sends to a FIFO queue one batch at a time, so a message group keeps its order', async () => {
    const ids = await seed(w, 40)
    const fifoUrl = 'https://sqs.local/order-summary.fifo'
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let calls = 0
    const slowFirst = {
      sendBatch: async (url: string, envelopes: readonly OutboundEnvelope[]) => {
        if (++calls === 1) await held
        return w.channel.sendBatch(url, envelopes)
      },
    }
    const topology = exampleTopology({ ...queues, 'order-summary': fifoUrl })
    const deps = { ...w.deps, topology, channels: { ...w.deps.channels, queue: slowFirst } }
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ...fast }
    const running = handleReplayRequest(request, deps, w.budget())
    for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r))
    assert.equal(calls, 1, 'no batch starts while the one before it is in flight')
    release()
    assert.equal((await running).status, 'completed')
    assert.deepEqual(sentIds(w), ids)
  })

  it('gives each replay to a FIFO queue its own deduplication ids, so a second replay is not dropped as a duplicate', async () => {
    await seed(w, 20)
    const fifoUrl = 'https://sqs.local/order-summary.fifo'
    const topology = exampleTopology({ ...queues, 'order-summary': fifoUrl })
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ...fast }
    for (const jobId of ['first', 'second']) {
      const out = await handleReplayRequest({ ...request, jobId }, { ...w.deps, topology }, w.budget())
      assert.equal(out.status, 'completed')
    }
    const dedupIds = w.channel.sent.map((s) => s.fifo?.MessageDeduplicationId)
    assert.equal(dedupIds.length, 40)
    assert.equal(new Set(dedupIds).size, 40, 'no message of the second replay shares an id with the first')
    assert.ok(dedupIds.every((id) => id !== undefined && id.length <= 128))
    assert.deepEqual(
      w.channel.sent.map((s) => s.fifo?.MessageGroupId),
      w.channel.sent.map((s) => s.envelope.subject),
    )
  })

  it('stops a job that is cancelled while it runs, at its next checkpoint', async () => {
    await seed(w, (2 * CHECKPOINT_BATCHES + 10) * 10)
    let calls = 0
    const cancelling = {
      sendBatch: async (url: string, envelopes: readonly OutboundEnvelope[]) => {
        if (++calls === 2) await w.jobs.cancel('job-cancel', new Date(w.clock.ms).toISOString())
        return w.channel.sendBatch(url, envelopes)
      },
    }
    const deps = { ...w.deps, channels: { ...w.deps.channels, queue: cancelling }, newId: () => 'job-cancel' }
    const out = await handleReplayRequest(
      { target: { consumer: 'order-summary' }, filter: { from }, ...fast },
      deps,
      w.budget(),
    )
    assert.equal(out.status, 'cancelled')
    const sent = w.channel.sent.length
    assert.ok(sent <= (CHECKPOINT_BATCHES + MAX_IN_FLIGHT) * 10, `${sent} events sent after the cancel`)
    const status = await handleReplayRequest({ jobId: 'job-cancel', cancel: true }, w.deps, w.budget())
    assert.equal(status.status, 'cancelled')
  })

  it('notices a cancel within about a second at a slow rate', async () => {
    await seed(w, 200)
    let calls = 0
    const cancelling = {
      sendBatch: async (url: string, envelopes: readonly OutboundEnvelope[]) => {
        if (++calls === 2) await w.jobs.cancel('job-slow', new Date(w.clock.ms).toISOString())
        return w.channel.sendBatch(url, envelopes)
      },
    }
    const deps = { ...w.deps, channels: { ...w.deps.channels, queue: cancelling }, newId: () => 'job-slow' }
    const started = w.clock.ms
    const request = { target: { consumer: 'order-summary' }, filter: { from }, ratePerSecond: 10 }
    const out = await handleReplayRequest(request, deps, w.budget())
    assert.equal(out.status, 'cancelled')
    // Two batches at 1 s each before the cancel, then a checkpoint within a second.
    assert.ok(w.clock.ms - started <= 3000, `stopped after ${w.clock.ms - started} ms`)
  })

  it('counts events the channel refuses as failed, with a sample of the reasons', async () => {
    await seed(w, 15)
    w.channel.failing.add(queues['order-summary'])
    const out = await handleReplayRequest(
      { target: { consumer: 'order-summary' }, filter: { from }, ...fast },
      w.deps,
      w.budget(),
    )
    assert.deepEqual([out.status, out.sent, out.failed], ['completed', 0, 15])
    assert.equal(out.failures?.[0]?.code, 'NotFound')
  })

  it('treats a repeated request with the same jobId as the same job, and rejects the id for another request', async () => {
    await seed(w, 5)
    const request = { target: { consumer: 'order-summary' }, filter: { from }, jobId: 'nightly', ...fast }
    const first = await handleReplayRequest(request, w.deps, w.budget())
    const again = await handleReplayRequest(request, w.deps, w.budget())
    assert.deepEqual(
      [again.jobId, again.status, again.sent, w.channel.sent.length],
      ['nightly', 'completed', first.sent, 5],
    )
    await assert.rejects(
      handleReplayRequest({ ...request, reprocess: true }, w.deps, w.budget()),
      (e: unknown) => e instanceof ReplayRequestError && e.field === 'jobId',
    )
    await assert.rejects(handleReplayRequest({ jobId: 'unknown' }, w.deps, w.budget()), {
      name: 'ReplayJobNotFoundError',
    })
  })
})
