/**
 * The catalogue of a deployment's functions: name, entry, timeout, memory, environment, HTTP routes
 * and event source settings of each, derived from its declaration. The CDK stack and the local
 * runtime both build their functions from it, so a timeout, a route or a variable is written once;
 * `test/infra/parity.test.ts` checks that what each side runs matches, one by one.
 */
import { projectionVariable } from '../projection/config.ts'
import { TimeIndexShards } from '../store/table-schema.ts'
import type { BackboneDeclaration, ConsumerDeclaration, RelaySettings } from './declaration.ts'

/** Logical names of the framework's own tables (the local runtime uses them as physical names). */
export const FrameworkTables = {
  events: 'events',
  dedup: 'consumer-dedup',
  replayJobs: 'replay-jobs',
} as const

/**
 * Where an environment variable's value comes from; each side resolves it to its own resources:
 * a literal, a table's physical name (framework or declared), a part of the deployed topology
 * (`shared/topology/deployed.ts`), or a consumer's dead-letter queue URL.
 */
export type EnvSource =
  | { readonly literal: string }
  | { readonly table: string }
  | { readonly topology: TopologyPart }
  | { readonly dlqOf: string }

/** The parts of the deployed topology a variable may hold (`projections`: `shared/projection/config.ts`). */
export type TopologyPart = 'topicArns' | 'routes' | 'consumers' | 'projections'

/** A source naming a resource: what each side looks up (everything but a literal). */
export type ResourceSource = Exclude<EnvSource, { literal: string }>

/**
 * The relay's DynamoDB stream event source mapping: the declared relay settings (the local poller
 * runs one batch at a time whatever the parallelization factor, see README), and what is fixed.
 */
export interface StreamSourceSpec extends Omit<RelaySettings, 'timeoutSeconds' | 'memoryMb'> {
  readonly table: typeof FrameworkTables.events
  /** Every record still in the stream: a relay deployed (or re-enabled) late loses nothing. */
  readonly startingPosition: 'TRIM_HORIZON'
  /** The function answers with the earliest failed record. */
  readonly reportBatchItemFailures: true
}

/** A consumer's SQS event source mapping. */
export interface QueueSourceSpec {
  readonly consumer: string
  readonly batchSize: number
  readonly maxBatchingWindowSeconds: number
  readonly maxConcurrency: number
  /** The consumer middleware answers with the failed message ids; only those are retried. */
  readonly reportBatchItemFailures: true
}

/** One function of the deployment. */
export interface FunctionSpec {
  /** Function name locally, consumer name for consumers. */
  readonly name: string
  /** Entry module, relative to the project root. */
  readonly entry: string
  readonly description: string
  readonly timeoutSeconds: number
  readonly memoryMb: number
  /**
   * Most invocations at once where the function itself sets it: the local host's cap for the relay
   * (one per stream shard) and the operator functions. Consumers take theirs from `queueSource`.
   */
  readonly concurrency?: number
  readonly environment: Readonly<Record<string, EnvSource>>
  /** HTTP API route keys it answers (`METHOD /path`, or `$default`). */
  readonly routes: readonly string[]
  readonly streamSource?: StreamSourceSpec
  readonly queueSource?: QueueSourceSpec
}

/** CloudWatch namespace of every function's Powertools metrics. */
export const METRICS_NAMESPACE = 'EventBackbone'

/** Timeout of an HTTP-facing function: API Gateway gives up after 30 s, so fail well before that. */
const API_TIMEOUT_SECONDS = 10

/** Memory of the API functions: enough CPU for a fast cold start on arm64. */
const API_MEMORY_MB = 512

/** The route keys of the HTTP API (DESIGN.md's contract), by the function answering them. */
export const ApiRoutes = {
  publish: ['POST /streams/{streamId}/events'],
  // Unknown routes reach the read function, which answers 404 problem details.
  read: [
    'GET /streams/{streamId}/events',
    'GET /streams/{streamId}',
    'GET /projections/{projection}/{key}',
    '$default',
  ],
} as const

const topology = (part: TopologyPart): EnvSource => ({ topology: part })

/** Every function of `declaration`, framework functions first, then one per consumer. */
export function functionCatalogue(
  declaration: BackboneDeclaration,
  options: { eventSource: string },
): FunctionSpec[] {
  const { entries, relay } = declaration
  const common = (service: string): Record<string, EnvSource> => ({
    EVENT_SOURCE: { literal: options.eventSource },
    POWERTOOLS_SERVICE_NAME: { literal: service },
    POWERTOOLS_METRICS_NAMESPACE: { literal: METRICS_NAMESPACE },
  })
  const events = { EVENTS_TABLE_NAME: { table: FrameworkTables.events } }
  const shards = declaration.eventStore?.timeIndexShards ?? TimeIndexShards.default
  // Writers shard with it; the replay reads the count from the table's history marker instead.
  const writes = { TIME_INDEX_SHARDS: { literal: String(shards) } }
  return [
    {
      name: 'publish',
      entry: entries.publish,
      description: 'Event Backbone publish: validates and appends events to the event store',
      timeoutSeconds: API_TIMEOUT_SECONDS,
      memoryMb: API_MEMORY_MB,
      environment: { ...common('publish'), ...events, ...writes },
      routes: ApiRoutes.publish,
    },
    {
      name: 'read',
      entry: entries.read,
      description: 'Event Backbone read: pages streams and folds their current state',
      timeoutSeconds: API_TIMEOUT_SECONDS,
      memoryMb: API_MEMORY_MB,
      environment: { ...common('read'), ...events, PROJECTIONS: topology('projections') },
      routes: ApiRoutes.read,
    },
    {
      name: 'relay',
      entry: entries.relay,
      description: 'Event Backbone relay: publishes every stored event to its SNS topic',
      timeoutSeconds: relay.timeoutSeconds,
      memoryMb: relay.memoryMb,
      concurrency: 1,
      environment: {
        ...common('relay'),
        TOPIC_ARNS: topology('topicArns'),
        EVENT_ROUTES: topology('routes'),
      },
      routes: [],
      streamSource: {
        table: FrameworkTables.events,
        batchSize: relay.batchSize,
        maxBatchingWindowSeconds: relay.maxBatchingWindowSeconds,
        maximumRetryAttempts: relay.maximumRetryAttempts,
        bisectBatchOnFunctionError: relay.bisectBatchOnFunctionError,
        maximumRecordAgeSeconds: relay.maximumRecordAgeSeconds,
        parallelizationFactor: relay.parallelizationFactor,
        startingPosition: 'TRIM_HORIZON',
        reportBatchItemFailures: true,
      },
    },
    {
      name: 'redrive',
      entry: entries.redrive,
      description: 'Event Backbone redrive: moves a consumer DLQ back to its queue',
      // Redrive watches the SQS move task for up to 30 s, then answers; the task runs on in SQS.
      timeoutSeconds: 60,
      memoryMb: 256,
      concurrency: 1,
      environment: { ...common('redrive'), CONSUMER_QUEUES: topology('consumers') },
      routes: [],
    },
    {
      name: 'replay',
      entry: entries.replay,
      description: 'Event Backbone replay: re-sends stored events to a consumer queue or a topic',
      // Lambda's maximum: the job checkpoints and continues itself before the end, so the timeout
      // bounds one step of a replay, not the replay.
      timeoutSeconds: 900,
      memoryMb: 512,
      concurrency: 2,
      environment: {
        ...common('replay'),
        ...events,
        REPLAY_JOBS_TABLE_NAME: { table: FrameworkTables.replayJobs },
        TOPIC_ARNS: topology('topicArns'),
        EVENT_ROUTES: topology('routes'),
        CONSUMER_QUEUES: topology('consumers'),
        PROJECTIONS: topology('projections'),
      },
      routes: [],
    },
    ...declaration.consumers.map((c) =>
      consumerFunction(c, common(c.name), projectionVariable(declaration, c)),
    ),
  ]
}

function consumerFunction(
  consumer: ConsumerDeclaration,
  common: Record<string, EnvSource>,
  projection: string | undefined,
): FunctionSpec {
  const literals = Object.entries(consumer.environment ?? {}).map(([k, v]) => [k, { literal: v }])
  const tables = (consumer.tables ?? []).map((use) => [use.environment, { table: use.table }])
  if (projection !== undefined && consumer.projection !== undefined) {
    literals.push(['PROJECTION', { literal: projection }])
    tables.push(['PROJECTION_TABLE_NAME', { table: consumer.projection.table }])
  }
  return {
    name: consumer.name,
    entry: consumer.entry,
    description: `Event Backbone consumer ${consumer.name}`,
    timeoutSeconds: consumer.timeoutSeconds,
    memoryMb: consumer.memoryMb,
    environment: {
      ...Object.fromEntries(literals),
      ...common,
      CONSUMER_NAME: { literal: consumer.name },
      DLQ_URL: { dlqOf: consumer.name },
      DEDUP_TABLE_NAME: { table: FrameworkTables.dedup },
      ...Object.fromEntries(tables),
    },
    routes: [],
    queueSource: {
      consumer: consumer.name,
      batchSize: consumer.batchSize,
      maxBatchingWindowSeconds: consumer.maxBatchingWindowSeconds,
      maxConcurrency: consumer.maxConcurrency,
      reportBatchItemFailures: true,
    },
  }
}

/** Resolves every variable of `spec` through `lookup` (the CDK stack's resources, or the local ones). */
export function resolveEnvironment(
  spec: Pick<FunctionSpec, 'environment'>,
  lookup: (source: ResourceSource) => string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(spec.environment).map(([name, source]) => [
      name,
      'literal' in source ? source.literal : lookup(source),
    ]),
  )
}

/** The spec named `name` (throws when the catalogue has none: a wiring mistake, not input). */
export function specOf(catalogue: readonly FunctionSpec[], name: string): FunctionSpec {
  const spec = catalogue.find((s) => s.name === name)
  if (spec === undefined) throw new Error(`the function catalogue has no function "${name}"`)
  return spec
}
