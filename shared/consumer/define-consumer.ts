/**
 * `defineConsumer`: the one way to write a consumer. Declares a name and one handler per event type;
 * returns a middy handler for SQS event source mappings with partial batch responses.
 */
import { LogLevelThreshold } from '@aws-lambda-powertools/logger'
import middy, { type MiddyfiedHandler } from '@middy/core'
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda'
import type { Env } from '../config.ts'
import type { EventRegistry } from '../events/registry.ts'
import { projectionOf } from '../projection/consumer-projection.ts'
import { runBatch } from './batch-runner.ts'
import type { EffectHandler, EffectHandlers } from './effects.ts'
import { countOutcomes } from './metrics.ts'
import type { ProjectionScope } from './projection-scope.ts'
import { type ConsumerRuntime, inProgressUntil, type RecordScope } from './record-processor.ts'
import { type ConsumerEnvironment, createConsumerRuntime, loadConsumerEnvironment } from './runtime.ts'
import type { EventHandler, EventHandlers, EventMap } from './types.ts'

/** A consumer declaration. */
export interface ConsumerDefinition<M extends EventMap, Deps> {
  /** Name of the consumer: its dedup namespace; matches its topology entry and `CONSUMER_NAME`. */
  name: string
  /**
   * The event types it may receive, to validate and upcast them: usually its domain's registry.
   * A type the registry does not know goes to the DLQ as poison.
   */
  registry: EventRegistry
  /** One handler per event type; a type without a handler that still arrives goes to the DLQ. */
  handlers?: EventHandlers<M, Deps>
  /**
   * Instead of `handlers`, for an effect that is DynamoDB writes: one effect per event type, which
   * the middleware commits in one transaction with the dedup record, exactly once (`effects.ts`).
   */
  effects?: EffectHandlers<M, Deps>
  /** Builds what the handlers need (repositories, clients) once per cold start, from config. */
  dependencies?: (environment: ConsumerEnvironment) => Deps
}

/** Replaces parts of the runtime (tests, or a host that builds its own clients). */
export interface ConsumerOverrides<Deps> {
  /** Environment to read config from (default `process.env`). */
  env?: Env
  /** A complete runtime; with `deps` also given, no config is read at all. */
  runtime?: ConsumerRuntime
  deps?: Deps
}

interface Built<Deps> {
  runtime: ConsumerRuntime
  deps: Deps
  /** From `PROJECTION`, when the declaration makes the consumer a projection. */
  projection?: ProjectionScope
}

function build<M extends EventMap, Deps>(
  definition: ConsumerDefinition<M, Deps>,
  overrides: ConsumerOverrides<Deps>,
): Built<Deps> {
  if (overrides.runtime && 'deps' in overrides)
    return { runtime: overrides.runtime, deps: overrides.deps as Deps }
  const environment = loadConsumerEnvironment(definition.name, overrides.env)
  const projection = projectionOf(environment)
  return {
    runtime: overrides.runtime ?? createConsumerRuntime(environment, definition.registry),
    deps: 'deps' in overrides ? (overrides.deps as Deps) : (definition.dependencies?.(environment) as Deps),
    ...(projection ? { projection } : {}),
  }
}

/** The middy handler a consumer module exports. */
export type ConsumerHandler = MiddyfiedHandler<SQSEvent, SQSBatchResponse>

/**
 * Defines a consumer. Per record: unwrap (raw or SNS-wrapped), validate the envelope, upcast and
 * validate the data, deduplicate per consumer × event id (unless a replay asks to reprocess), call
 * the handler; poison records go to the DLQ and count as handled; other failures are reported as
 * `batchItemFailures`. FIFO batches stop a message group at its first failure.
 *
 * @example
 * export const handler = defineConsumer<EventMapOf<typeof OrderShipped>, Deps>({
 *   name: 'shipping-notifier',
 *   registry: orderRegistry,
 *   dependencies: (env) => ({ notifications: makeRepository(env) }),
 *   handlers: { OrderShipped: async (event, { deps }) => deps.notifications.record(event.data) },
 * })
 */
export function defineConsumer<M extends EventMap, Deps = undefined>(
  definition: ConsumerDefinition<M, Deps>,
  overrides: ConsumerOverrides<Deps> = {},
): ConsumerHandler {
  let built: Built<Deps> | undefined
  const handlers = (definition.handlers ?? {}) as Record<string, EventHandler<never, Deps> | undefined>
  const effects = definition.effects as Record<string, EffectHandler<never, Deps> | undefined> | undefined
  const hasHandler = effects
    ? (type: string) => effects[type] !== undefined
    : (type: string) => handlers[type] !== undefined
  return middy<SQSEvent, SQSBatchResponse>().handler(async (event: SQSEvent, context: Context) => {
    // Built on first invocation, not at import: a config error then surfaces as a function error
    // naming the variable, and importing the module (tests, bundling) needs no environment.
    built ??= build(definition, overrides)
    const { runtime, deps, projection } = built
    const { logger, metrics } = runtime
    logger.addContext(context)
    const scope: RecordScope<Deps> = {
      consumer: definition.name,
      handlers,
      ...(effects ? { effects } : {}),
      ...(projection ? { projection } : {}),
      hasHandler,
      deps,
      runtime,
      lambdaContext: context,
      inProgressUntilMs: inProgressUntil(context),
      debug: logger.level <= LogLevelThreshold.DEBUG,
    }
    try {
      const { response, counts, skipped } = await runBatch(event, scope)
      countOutcomes(metrics, counts)
      // The batch summary rides on the EMF line the metrics flush writes anyway (queryable in Logs
      // Insights): a separate INFO line cost ~13 µs a batch, a tenth of the middleware's budget
      // (npm run bench). Each record logs at DEBUG; failures at ERROR, poison at WARN.
      metrics.addMetadata('records', String(event.Records.length))
      metrics.addMetadata('skipped', String(skipped))
      if (scope.debug) logger.debug('batch handled', { consumer: definition.name, ...counts, skipped })
      return response
    } finally {
      // Flushed here rather than by Powertools' logMetrics middleware: the Metrics instance is made
      // from config on first invocation, after middy's middlewares are attached.
      metrics.publishStoredMetrics()
    }
  })
}
