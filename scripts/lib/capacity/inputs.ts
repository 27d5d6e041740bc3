/**
 * What the capacity model is computed from: the declaration (via the function catalogue), the HTTP
 * API's throttle, and the few figures no file holds (durations, stream shards), each with a stated
 * default that `npm run capacity` flags override.
 */
import { throttleDefaults } from '../../../infra/defaults/apigateway-defaults.ts'
import { TimeIndexShards } from '../../../shared/store/table-schema.ts'
import { functionCatalogue } from '../../../shared/topology/catalogue.ts'
import type { BackboneDeclaration } from '../../../shared/topology/declaration.ts'

export interface ConsumerInputs {
  readonly name: string
  /** Reads a FIFO queue (its topic is FIFO). */
  readonly fifo: boolean
  readonly batchSize: number
  readonly maxConcurrency: number
  readonly memoryMb: number
}

export interface CapacityInputs {
  readonly region: string
  readonly apiRateLimit: number
  readonly publish: { readonly memoryMb: number; readonly durationMs: number }
  readonly timeIndexShards: number
  readonly streamShards: number
  readonly relay: {
    readonly batchSize: number
    readonly parallelizationFactor: number
    readonly memoryMb: number
    readonly batchDurationMs: number
  }
  readonly consumers: readonly ConsumerInputs[]
  readonly consumerBatchDurationMs: number
  /** How many consumers each event is delivered to, for the cost. */
  readonly deliveredTo: number
}

/** The figures no file of the project holds, and why each default is what it is. */
export const assumedDefaults = {
  /** A warm publish: one Query and one PutItem of a few ms each, plus the middleware. */
  publishDurationMs: 30,
  /**
   * AWS does not publish a stream's shard count; it follows the table's partitions, and a new
   * on-demand table starts with room for 4,000 writes/s, i.e. about 4 partitions.
   */
  streamShards: 4,
  /** One relay batch: its PublishBatch calls go out in parallel (`shared/relay/relay-batch.ts`). */
  relayBatchDurationMs: 100,
  /** One 10-record consumer batch: one transaction per record, a few in flight at a time. */
  consumerBatchDurationMs: 100,
} as const

/** Overrides from the command line; anything absent takes the declaration's or the default. */
export interface InputOverrides {
  region?: string
  streamShards?: number
  timeIndexShards?: number
  parallelizationFactor?: number
  deliveredTo?: number
  publishDurationMs?: number
  relayBatchDurationMs?: number
  consumerBatchDurationMs?: number
}

/** The inputs of `declaration`, with `overrides` applied. */
export function capacityInputs(
  declaration: BackboneDeclaration,
  overrides: InputOverrides = {},
): CapacityInputs {
  const catalogue = functionCatalogue(declaration, { eventSource: 'capacity' })
  const publish = catalogue.find((f) => f.name === 'publish')
  if (publish === undefined) throw new Error('the function catalogue has no publish function')
  const fifoTopics = new Set(declaration.topics.filter((t) => t.fifo).map((t) => t.name))
  const consumers = declaration.consumers.map((c) => ({
    name: c.name,
    fifo: fifoTopics.has(c.topic),
    batchSize: c.batchSize,
    maxConcurrency: c.maxConcurrency,
    memoryMb: c.memoryMb,
  }))
  return {
    region: overrides.region ?? 'us-east-1',
    apiRateLimit: throttleDefaults.rateLimit,
    publish: {
      memoryMb: publish.memoryMb,
      durationMs: overrides.publishDurationMs ?? assumedDefaults.publishDurationMs,
    },
    timeIndexShards:
      overrides.timeIndexShards ?? declaration.eventStore?.timeIndexShards ?? TimeIndexShards.default,
    streamShards: overrides.streamShards ?? assumedDefaults.streamShards,
    relay: {
      batchSize: declaration.relay.batchSize,
      parallelizationFactor: overrides.parallelizationFactor ?? declaration.relay.parallelizationFactor,
      memoryMb: declaration.relay.memoryMb,
      batchDurationMs: overrides.relayBatchDurationMs ?? assumedDefaults.relayBatchDurationMs,
    },
    consumers,
    consumerBatchDurationMs: overrides.consumerBatchDurationMs ?? assumedDefaults.consumerBatchDurationMs,
    deliveredTo: overrides.deliveredTo ?? consumers.length,
  }
}
