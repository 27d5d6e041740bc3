/**
 * Module-load time of a bundle in a fresh Node process: the time `import()` of `index.mjs` takes,
 * measured inside the child so process start-up is not counted. The child runs with the same
 * NODE_OPTIONS Lambda gives our functions (`--enable-source-maps`, `lambdaEnvironmentDefaults`),
 * which makes Node read the bundle's source map at load.
 */
import { execFile } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { backbone } from '../../functions/backbone.ts'
import { lambdaEnvironmentDefaults } from '../../infra/defaults/lambda-defaults.ts'
import { DEFAULT_EVENT_SOURCE } from '../../shared/config.ts'
import { deployedProjectionsOf } from '../../shared/projection/config.ts'
import { functionCatalogue, resolveEnvironment } from '../../shared/topology/catalogue.ts'
import { deployedTopologyOf } from '../../shared/topology/deployed.ts'

const run = promisify(execFile)

// Plain JS through `-e`: a TypeScript loader would start Node's type stripping in the child first.
// With BENCH_FIRST_EVENT, the handler's first invocation on that event is timed with the import.
const LOADER = [
  'const url = process.env.BENCH_BUNDLE_URL',
  'const first = process.env.BENCH_FIRST_EVENT',
  'const context = { functionName: "bench", functionVersion: "$LATEST", memoryLimitInMB: "512",',
  '  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:bench", awsRequestId: "bench",',
  '  logGroupName: "/aws/lambda/bench", logStreamName: "bench", callbackWaitsForEmptyEventLoop: true,',
  '  getRemainingTimeInMillis: () => 60000 }',
  'const start = performance.now()',
  'const mod = await import(url)',
  'if (first) await mod.handler(JSON.parse(first), context)',
  // After the timing: a consumer's metrics flush also writes to stdout, so the figure is the last line.
  'process.stdout.write("\\n" + JSON.stringify({ ms: performance.now() - start }))',
].join('\n')

const SQS = 'https://sqs.us-east-1.amazonaws.com/000000000000'
const placeholderQueues = (name: string) => ({
  queueUrl: `${SQS}/${name}`,
  queueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
  dlqUrl: `${SQS}/${name}-dlq`,
  dlqArn: `arn:aws:sqs:us-east-1:000000000000:${name}-dlq`,
})

/**
 * Every variable any function of the catalogue reads, resolved to placeholders (tables by their
 * logical name, queues and topics at made-up addresses): a function or consumer added to the
 * declaration is covered without touching the bench. `CONSUMER_NAME` is left out: each consumer checks
 * it against its own name, and it is optional.
 */
function catalogueVariables(): Record<string, string> {
  const topicArns = Object.fromEntries(
    backbone.topics.map((t) => [t.name, `arn:aws:sns:us-east-1:000000000000:${t.name}`]),
  )
  const queues = Object.fromEntries(backbone.consumers.map((c) => [c.name, placeholderQueues(c.name)]))
  const deployed = deployedTopologyOf(backbone, topicArns, queues)
  const json = {
    topicArns: JSON.stringify(deployed.topicArns),
    routes: JSON.stringify(deployed.routes),
    consumers: JSON.stringify(deployed.consumers),
    projections: JSON.stringify(
      deployedProjectionsOf(
        backbone,
        (t) => t,
        (c) => c,
      ),
    ),
  }
  const merged: Record<string, string> = {}
  for (const spec of functionCatalogue(backbone, { eventSource: DEFAULT_EVENT_SOURCE })) {
    const values = resolveEnvironment(spec, (source) => {
      if ('table' in source) return source.table
      if ('dlqOf' in source) return placeholderQueues(source.dlqOf).dlqUrl
      return json[source.topology]
    })
    Object.assign(merged, values)
  }
  delete merged.CONSUMER_NAME
  return merged
}

/**
 * Environment of a function on Lambda, with placeholder values: functions validate their config at
 * init, and a missing variable would fail the import instead of timing it. No endpoints are set, as
 * on AWS; nothing is called at load.
 */
export const COLD_START_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  ...catalogueVariables(),
  POWERTOOLS_SERVICE_NAME: 'bench',
}

/** A bundle to load, and the first event to invoke its handler with, if any. */
export interface LoadTarget {
  file: string
  firstEvent?: unknown
}

/**
 * Imports the bundle once in a fresh Node process, then invokes its handler on `firstEvent` when
 * given; resolves with the duration of both in ms.
 */
export async function loadOnce(
  target: LoadTarget,
  env: Record<string, string> = COLD_START_ENV,
): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', LOADER], {
    env: {
      ...env,
      ...lambdaEnvironmentDefaults,
      PATH: process.env.PATH ?? '',
      BENCH_BUNDLE_URL: pathToFileURL(target.file).href,
      ...(target.firstEvent === undefined ? {} : { BENCH_FIRST_EVENT: JSON.stringify(target.firstEvent) }),
    },
    maxBuffer: 1024 * 1024,
  })
  const last = stdout.trimEnd().split('\n').at(-1) ?? ''
  return (JSON.parse(last) as { ms: number }).ms
}

/**
 * Loads every file `runs` times, interleaved (one of each, then again), so a burst of load on the
 * shared machine hits functions and baselines alike. Resolves with the samples per file.
 */
export async function loadTimes(
  targets: readonly LoadTarget[],
  runs: number,
): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(targets.map((t) => [t.file, []]))
  // One warm-up each: the first spawn pays for reading the files into the page cache.
  for (const target of targets) await loadOnce(target)
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? targets : [...targets].reverse()
    for (const target of order) samples.get(target.file)?.push(await loadOnce(target))
  }
  return samples
}
