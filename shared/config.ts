/**
 * Configuration read from the environment once, validated with zod, cached per environment object.
 * Each module that needs variables declares its own section with {@link defineConfigSection}, so a
 * function only fails for the variables it actually uses, and fails fast naming the variable.
 */
import * as z from 'zod/mini'
import { ConfigError } from './errors.ts'
import { TimeIndexShards } from './store/table-schema.ts'
import './zod-locale.ts'

/** The environment shape we read from: `process.env` or a plain object in tests. */
export type Env = Record<string, string | undefined>

/**
 * Declares a lazily validated section of the configuration.
 *
 * @example
 * const loadRelayConfig = defineConfigSection(
 *   { TOPIC_ARN: z.string().check(z.minLength(1)) },
 *   (v) => ({ topicArn: v.TOPIC_ARN }),
 * )
 * const { topicArn } = loadRelayConfig() // throws ConfigError('TOPIC_ARN', ...) if missing
 */
export function defineConfigSection<Shape extends z.core.$ZodShape, Out>(
  shape: Shape,
  map: (vars: z.output<z.ZodMiniObject<Shape>>) => Out,
): (env?: Env) => Out {
  const schema = z.object(shape)
  // Keyed by the env object: process.env is parsed once per cold start, test envs stay isolated.
  const cache = new WeakMap<Env, Out>()
  return (env: Env = process.env) => {
    const cached = cache.get(env)
    if (cached !== undefined) return cached
    const parsed = schema.safeParse(env)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const variable = String(issue?.path[0] ?? 'environment')
      // A JSON variable's issue names the field inside it too (`CONSUMER_QUEUES: order-summary.topic: …`).
      const inner = issue?.path.slice(1).map(String).join('.')
      const detail = inner ? `${inner}: ${issue?.message}` : (issue?.message ?? 'invalid')
      const message = env[variable] === undefined ? 'required but not set' : detail
      throw new ConfigError(variable, message, { cause: parsed.error })
    }
    const out = map(parsed.data)
    cache.set(env, out)
    return out
  }
}

/** CloudEvents `source` of a deployment that does not name its own. */
export const DEFAULT_EVENT_SOURCE = 'urn:event-backbone'

const optionalUrl = z.optional(z.url())

/**
 * A variable holding JSON (e.g. `TOPIC_ARNS`), parsed and then checked by `schema`; text that is not
 * JSON is reported as `not JSON` at the variable.
 */
export const jsonVariable = <S extends z.core.$ZodType>(schema: S) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((raw: string, ctx) => {
        try {
          return JSON.parse(raw) as unknown
        } catch {
          ctx.issues.push({ code: 'custom', message: 'not JSON', input: raw })
          return z.NEVER
        }
      }),
    ),
    schema,
  )

/** Settings every function shares: region, CloudEvents source, engine endpoints (local runtime only). */
export interface BaseConfig {
  region: string
  /** CloudEvents `source` of every envelope this deployment emits. */
  eventSource: string
  /** Unset on AWS; set by the local runtime to the embedded engines. */
  endpoints: {
    dynamodb?: string
    dynamodbStreams?: string
    sns?: string
    sqs?: string
    lambda?: string
  }
}

/** Loads the settings shared by every function (throws {@link ConfigError} naming a bad variable). */
export const loadConfig = defineConfigSection(
  {
    AWS_REGION: z.string().check(z.minLength(1)),
    EVENT_SOURCE: z._default(z.string().check(z.minLength(1)), DEFAULT_EVENT_SOURCE),
    AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: optionalUrl,
    AWS_ENDPOINT_URL_SNS: optionalUrl,
    AWS_ENDPOINT_URL_SQS: optionalUrl,
    AWS_ENDPOINT_URL_LAMBDA: optionalUrl,
  },
  (v): BaseConfig => ({
    region: v.AWS_REGION,
    eventSource: v.EVENT_SOURCE,
    endpoints: {
      dynamodb: v.AWS_ENDPOINT_URL_DYNAMODB,
      dynamodbStreams: v.AWS_ENDPOINT_URL_DYNAMODB_STREAMS,
      sns: v.AWS_ENDPOINT_URL_SNS,
      sqs: v.AWS_ENDPOINT_URL_SQS,
      lambda: v.AWS_ENDPOINT_URL_LAMBDA,
    },
  }),
)

/** Settings of functions that use the event store. */
export interface EventStoreConfig extends BaseConfig {
  eventsTableName: string
  /** `TIME_INDEX_SHARDS`: shards of the time index a writer spreads a day over (default 16). */
  timeIndexShards: number
}

/** Loads the base settings plus `EVENTS_TABLE_NAME` (throws {@link ConfigError} if missing). */
export function loadEventStoreConfig(env: Env = process.env): EventStoreConfig {
  return { ...loadConfig(env), ...loadEventsTableSection(env) }
}

const loadEventsTableSection = defineConfigSection(
  {
    EVENTS_TABLE_NAME: z.string().check(z.minLength(1)),
    TIME_INDEX_SHARDS: z._default(
      z.coerce.number().check(z.int(), z.gte(TimeIndexShards.min), z.lte(TimeIndexShards.max)),
      TimeIndexShards.default,
    ),
  },
  (v) => ({
    eventsTableName: v.EVENTS_TABLE_NAME,
    timeIndexShards: v.TIME_INDEX_SHARDS,
  }),
)
