/**
 * The two functions of the replay bench, registered in the local Lambda host exactly as `npm start`
 * registers the backbone's: each runs in its own worker thread with its own environment, while the
 * engines stay on the bench's main thread.
 */
import { fileURLToPath } from 'node:url'
import { backbone } from '../../functions/backbone.ts'
import { type LocalEndpoints, localFunctions } from '../../infra/local/functions.ts'
import { createLambdaHost, type FunctionDefinition, type LambdaHost } from '../../infra/local/lambda/host.ts'
import type { BenchEngines } from '../lib/engines.ts'

/** Function names in the bench's host. */
export const ReplayBenchFunctions = { replay: 'replay', naive: 'naive-replay' } as const

/**
 * The replay function only calls Lambda to continue itself when a job nears the 15-minute deadline,
 * which a bench job of a few seconds never does: nothing listens here, an unused loopback URL will do.
 */
const UNUSED_LAMBDA_ENDPOINT = 'http://127.0.0.1:9'

/** `replay` as the local stack defines it (environment, 900 s timeout), pointing at the bench engines. */
export function replayDefinition(engines: BenchEngines): FunctionDefinition {
  const endpoints: LocalEndpoints = {
    dynamodb: engines.dynamo.endpoint,
    snsSqs: engines.snsSqs.endpoint,
    lambda: UNUSED_LAMBDA_ENDPOINT,
  }
  const replay = localFunctions(backbone, endpoints, engines.resources).find((f) => f.name === 'replay')
  if (replay === undefined) throw new Error('localFunctions no longer defines replay')
  return replay
}

/**
 * Starts a host with `replay` and the bench's naive replay. The naive function gets the replay's
 * common environment (endpoints, events table, log level), so both sides build their clients from
 * the same settings; only the replay reads its extra variables (jobs table, targets).
 */
export function startReplayBenchHost(engines: BenchEngines): LambdaHost {
  const replay = replayDefinition(engines)
  // Nothing from the bench process's env (which holds the in-process parts' settings) reaches a
  // function: each definition carries every endpoint it needs, as in `npm start`.
  const host = createLambdaHost({ hostEnv: {} })
  host.register(replay)
  host.register({
    name: ReplayBenchFunctions.naive,
    entry: fileURLToPath(new URL('./naive-function.ts', import.meta.url)),
    timeoutSeconds: 900,
    memoryMb: replay.memoryMb,
    concurrency: 1,
    environment: replay.environment,
  })
  return host
}
