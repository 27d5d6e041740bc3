/**
 * Part 4, local end to end: the local stack as `npm start` runs it (engines, Lambda host, HTTP API,
 * pollers), with each topology consumer wrapped to report completions. Measures the sustained
 * publish rate over HTTP with every consumer keeping up, p50/p99 from the 201 to each consumer's
 * completion, and, in the same run and on the same engines, their own capacity.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backbone } from '../../functions/backbone.ts'
import { startLocalStack } from '../../infra/local/runtime.ts'
import { type Figure, figure } from '../lib/figure.ts'
import { percentile } from '../lib/stats.ts'
import { putItemRate, snsToSqsRate } from './capacity.ts'
import { type LoadResult, runLoad, topologyAudience } from './load.ts'

const SECTION = '4 local end to end'
const TIMED_ENTRY = 'bench/e2e/timed-consumer.ts'

/** Options of {@link endToEnd}. */
export interface EndToEndOptions {
  /** Concurrent HTTP clients. */
  workers: number
  durationMs: number
  log: (line: string) => void
}

/** Kept up: every expected completion arrived, and the backlog drained within a second of the last 201. */
const keptUp = (r: LoadResult) => r.missing === 0 && r.drainMs <= 1000

export async function endToEnd(opts: EndToEndOptions): Promise<Figure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-e2e-'))
  const timed = backbone.consumers.map((c) => ({ ...c, entry: TIMED_ENTRY }))
  const stack = await startLocalStack({
    dataDir,
    ports: { http: 0, lambda: 0, aws: 0, dynamodb: 0, studio: 0 },
    backbone: { ...backbone, consumers: timed },
    log: (line) => opts.log(`  [stack] ${line}`),
  })
  try {
    const putRate = await putItemRate(stack.urls.dynamodb, opts.workers, 5_000)
    const snsSqsRate = await snsToSqsRate(stack.urls.aws, opts.workers, 2_000)
    const audience = topologyAudience(timed, backbone)
    let workers = opts.workers
    // Warm-up, not measured: the host starts an execution environment per concurrent invocation,
    // and each one's init (importing the function) would otherwise count as publish time.
    await runLoad({ url: stack.urls.http, workers, durationMs: 3_000, drainTimeoutMs: 30_000, audience })
    let result = await runLoad({
      url: stack.urls.http,
      workers,
      durationMs: opts.durationMs,
      drainTimeoutMs: 30_000,
      audience,
    })
    // Not keeping up at this load: halve it once, so the rate reported is one the consumers sustain.
    if (!keptUp(result) && workers > 1) {
      opts.log(
        `  e2e: consumers fell behind with ${workers} clients (drain ${result.drainMs.toFixed(0)} ms); retrying with ${Math.ceil(workers / 2)}`,
      )
      workers = Math.ceil(workers / 2)
      result = await runLoad({
        url: stack.urls.http,
        workers,
        durationMs: opts.durationMs,
        drainTimeoutMs: 30_000,
        audience,
      })
    }
    const note = `${workers} clients, ${(opts.durationMs / 1000).toFixed(0)} s, ${result.published} events, drain ${result.drainMs.toFixed(0)} ms${keptUp(result) ? '' : ', NOT kept up'}${result.missing ? `, ${result.missing} missing` : ''}`
    return [
      figure({
        section: SECTION,
        name: 'publish rate over HTTP vs conditional PutItem rate',
        value: result.publishRate,
        baseline: putRate,
        unit: 'events/s',
        baselineLabel: 'engine: conditional PutItem/s',
        note,
      }),
      figure({
        section: SECTION,
        name: 'publish rate over HTTP vs SNS→SQS rate',
        value: result.publishRate,
        baseline: snsSqsRate,
        unit: 'events/s',
        baselineLabel: 'engine: SNS→SQS msgs/s',
      }),
      figure({
        section: SECTION,
        name: '201 → consumer completion p50',
        value: percentile(result.latencies, 50),
        unit: 'ms',
        note: `${result.latencies.length} deliveries`,
      }),
      figure({
        section: SECTION,
        name: '201 → consumer completion p99',
        value: percentile(result.latencies, 99),
        baseline: percentile(result.latencies, 50),
        unit: 'ms',
        baselineLabel: 'p50',
      }),
    ]
  } finally {
    await stack.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
