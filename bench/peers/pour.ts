/**
 * Peers 5, replay / pour: events per second re-sent to one consumer's queue, unthrottled. Ours: the
 * replay function (time index, pages of events, SendMessageBatch); Castore: `pourEventStoreEvents`
 * (`castore/pour-function.ts`). Both run as functions in the local Lambda host (a worker thread each,
 * the engines on the main thread), as the replay part runs ours, on the same order events seeded
 * into each store.
 */
import { fileURLToPath } from 'node:url'
import { EventStore as CastoreEventStore } from '@castore/core'
import { createLambdaHost } from '../../infra/local/lambda/host.ts'
import type { BenchEngines } from '../lib/engines.ts'
import type { Figure } from '../lib/figure.ts'
import { orderLife } from '../lib/order-events.ts'
import { median } from '../lib/stats.ts'
import { replayDefinition } from '../replay/functions.ts'
import { rate } from '../replay/index.ts'
import type { CastorePourRequest } from './castore/pour-function.ts'
import { Better, peerFigure } from './peer-figure.ts'
import type { PeerSides } from './sides.ts'

const CASTORE_POUR = 'castore-pour'

/** Appends `count` events (whole order lives) to both stores; returns the window holding them. */
async function seed(sides: PeerSides, count: number): Promise<{ from: string; to: string; events: number }> {
  const from = new Date(Date.now() - 1000).toISOString()
  let events = 0
  while (events < count) {
    const orderId = crypto.randomUUID()
    const streamId = `order-${orderId}`
    const life = orderLife(orderId).slice(0, Math.max(2, count - events))
    await sides.ours.store.append(streamId, life, { expectedVersion: 0 })
    const [first, second, ...rest] = life.map((e, i) =>
      sides.peer.store.groupEvent({
        aggregateId: streamId,
        version: i + 1,
        type: e.type as 'OrderPaid',
        payload: e.data,
      }),
    )
    if (first === undefined || second === undefined) throw new Error('an order life has at least two events')
    await CastoreEventStore.pushEventGroup(first, second, ...rest)
    events += life.length
  }
  return { from, to: new Date(Date.now() + 1000).toISOString(), events }
}

export async function pourComparison(
  engines: BenchEngines,
  sides: PeerSides,
  opts: { pourEvents: number; pourRounds: number },
): Promise<Figure[]> {
  const queueUrl = engines.resources.consumerQueues['order-summary']?.queueUrl
  if (queueUrl === undefined) throw new Error('no order-summary queue')
  const window = await seed(sides, opts.pourEvents)
  const replay = replayDefinition(engines)
  const host = createLambdaHost({ hostEnv: {} })
  host.register(replay)
  host.register({
    name: CASTORE_POUR,
    entry: fileURLToPath(new URL('./castore/pour-function.ts', import.meta.url)),
    timeoutSeconds: 900,
    memoryMb: replay.memoryMb,
    concurrency: 1,
    environment: replay.environment,
  })
  const request = {
    target: { consumer: 'order-summary' },
    filter: { from: window.from, to: window.to },
    ratePerSecond: 10_000,
  }
  const pour: CastorePourRequest = { queueUrl, from: window.from, to: window.to }
  const ours: number[] = []
  const peer: number[] = []
  try {
    // One unmeasured round each: the workers' cold starts and V8's compilation.
    await rate(host, replay.name, request, window.events)
    await rate(host, CASTORE_POUR, pour, window.events)
    for (let i = 0; i < opts.pourRounds; i++) {
      const first = i % 2 === 0
      if (first) ours.push(await rate(host, replay.name, request, window.events))
      peer.push(await rate(host, CASTORE_POUR, pour, window.events))
      if (!first) ours.push(await rate(host, replay.name, request, window.events))
    }
  } finally {
    await host.close()
  }
  return [
    peerFigure({
      name: 'replay / pour to one queue, unthrottled',
      ours: median(ours),
      peer: median(peer),
      unit: 'events/s',
      peerLabel: 'Castore lib-dam pourEventStoreEvents',
      better: Better.Higher,
      note: `${window.events} events, median of ${opts.pourRounds} after a warm-up round, both as functions in the local Lambda host; ours reads the time index in pages and sends SendMessageBatch (10 a call), with a job record and checkpoint; Castore lists every aggregate (initialEvents index), reads each one's events and sends one SendMessage per event`,
    }),
  ]
}
