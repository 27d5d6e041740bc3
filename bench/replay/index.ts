/**
 * Part 5, replay throughput: the replay function against a naive replay of the same events to the
 * same queue in the same run: read one event (GetItem), send one message (SendMessage), in sequence.
 * Target: at least 10× the naive rate.
 *
 * Both sides run as Lambda functions in the local Lambda host (a worker thread each), the engines on
 * the bench's main thread, as `npm start` runs them. On AWS, and locally, a function has its own
 * execution environment; when handler and engines shared one JS thread, the replay's batches in
 * flight could not overlap the engines' work (hiding what batching buys) and each naive round trip
 * was artificially cheap (no thread hop). Sizes are in `bench/settings.ts`: replays of 1000 events
 * lasted ~150 ms, too short for a steady ratio.
 */
import type { LambdaHost } from '../../infra/local/lambda/host.ts'
import type { BenchEngines } from '../lib/engines.ts'
import { type Figure, figure, ratioAtLeast } from '../lib/figure.ts'
import { median } from '../lib/stats.ts'
import { ReplayBenchFunctions, startReplayBenchHost } from './functions.ts'
import type { NaiveReplayRequest } from './naive-function.ts'
import { type Seeded, seedEvents } from './seed.ts'

/** Base class of the replay bench's errors. */
export class ReplayBenchError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ReplayBenchError'
  }
}

/**
 * Events per second of one invocation that must report `sent === expected`. Timed on the main
 * thread around `host.invoke`, so both sides pay the same dispatch to a warm worker and the replay
 * is timed as an operator sees it, from request to response. Measured: once warm, this is within
 * 1 ms of timing inside the handler (1000 events: replay ~150-200 ms, naive ~2 s). Timing inside
 * would need a change to the replay function itself.
 */
export async function rate(
  host: LambdaHost,
  name: string,
  event: unknown,
  expected: number,
): Promise<number> {
  const start = performance.now()
  const outcome = await host.invoke(name, event)
  const seconds = (performance.now() - start) / 1000
  if (!outcome.ok) {
    throw new ReplayBenchError(`${name} failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`)
  }
  const { sent, status } = outcome.result as { sent?: number; status?: string }
  if (sent !== expected) {
    throw new ReplayBenchError(`${name} sent ${sent} of ${expected}${status ? ` (${status})` : ''}`)
  }
  return sent / seconds
}

function replayRate(host: LambdaHost, seeded: Seeded): Promise<number> {
  const request = {
    target: { consumer: 'order-summary' },
    filter: { from: seeded.from, to: seeded.to },
    ratePerSecond: 10_000,
  }
  return rate(host, ReplayBenchFunctions.replay, request, seeded.keys.length)
}

function naiveRate(host: LambdaHost, seeded: Seeded, queueUrl: string): Promise<number> {
  const request: NaiveReplayRequest = { keys: seeded.keys, queueUrl }
  return rate(host, ReplayBenchFunctions.naive, request, seeded.keys.length)
}

/** Runs both replays `rounds` times, alternating, on `events` seeded events. */
export async function replayThroughput(
  engines: BenchEngines,
  opts: { events: number; rounds: number },
): Promise<Figure[]> {
  const queueUrl = engines.resources.consumerQueues['order-summary']?.queueUrl
  if (queueUrl === undefined) throw new ReplayBenchError('no order-summary queue')
  const seeded = await seedEvents(engines, opts.events)
  const host = startReplayBenchHost(engines)
  const naive: number[] = []
  const replay: number[] = []
  try {
    // One unmeasured round of each first: it starts each worker (the cold start) and lets V8 compile.
    await replayRate(host, seeded)
    await naiveRate(host, seeded, queueUrl)
    for (let i = 0; i < opts.rounds; i++) {
      replay.push(await replayRate(host, seeded))
      naive.push(await naiveRate(host, seeded, queueUrl))
    }
  } finally {
    await host.close()
  }
  return [
    figure({
      section: '5 replay throughput',
      name: 'replay to one consumer queue',
      value: median(replay),
      baseline: median(naive),
      unit: 'events/s',
      baselineLabel: 'naive function: GetItem + SendMessage per event',
      target: ratioAtLeast(10),
      note: `both run as functions in the local Lambda host (worker threads); ${opts.events} events, median of ${opts.rounds} after a warm-up round`,
    }),
  ]
}
