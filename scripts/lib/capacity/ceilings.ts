/**
 * The ceiling of each stage in events per second, and the one that binds first. Every stage is
 * assumed to carry every event (each consumer's filter lets all through), the worst case; a stage
 * that sees a fraction f of the events holds 1/f times its ceiling in published events.
 */
import { awsFigures as aws } from './aws-figures.ts'
import { itemsPerCall } from './calls-per-event.ts'
import type { CapacityInputs } from './inputs.ts'

export interface Ceiling {
  readonly stage: string
  readonly eventsPerSecond: number
  /** How it follows from the inputs, as printed. */
  readonly basis: string
}

const perSecond = (ms: number) => 1000 / ms

/** Lambda concurrency left to publish once the relay and the consumers have their maximum. */
export function publishConcurrency(inputs: CapacityInputs): number {
  const relay = inputs.streamShards * inputs.relay.parallelizationFactor
  const consumers = inputs.consumers.reduce((sum, c) => sum + c.maxConcurrency, 0)
  return Math.max(0, aws.lambdaAccountConcurrency.value - relay - consumers)
}

/** Write units one event costs the `byTime` index (an item of at most 1 KB). */
const INDEX_UNITS_PER_EVENT = itemsPerCall.publishPut.indexed

/** Every stage's ceiling, in pipeline order. */
export function stageCeilings(inputs: CapacityInputs): Ceiling[] {
  const { relay } = inputs
  const lambdas = publishConcurrency(inputs)
  const stages: Ceiling[] = [
    {
      stage: 'HTTP API stage throttle',
      eventsPerSecond: inputs.apiRateLimit,
      basis: `${inputs.apiRateLimit} requests/s (infra/defaults/apigateway-defaults.ts), 1 event a request`,
    },
    {
      stage: 'publish function',
      eventsPerSecond: lambdas * perSecond(inputs.publish.durationMs),
      basis: `${lambdas} concurrent (account ${aws.lambdaAccountConcurrency.value} less relay and consumers) × 1 request / ${inputs.publish.durationMs} ms`,
    },
    {
      stage: 'events table byTime index (one day)',
      eventsPerSecond: (inputs.timeIndexShards * aws.partitionWriteUnits.value) / INDEX_UNITS_PER_EVENT,
      basis: `${inputs.timeIndexShards} shards × ${aws.partitionWriteUnits.value} write units/s ÷ ${INDEX_UNITS_PER_EVENT} unit an event`,
    },
    {
      stage: 'relay (stream shards × parallelization)',
      eventsPerSecond:
        inputs.streamShards *
        relay.parallelizationFactor *
        relay.batchSize *
        perSecond(relay.batchDurationMs),
      basis: `${inputs.streamShards} shards × ${relay.parallelizationFactor} batches × ${relay.batchSize} events / ${relay.batchDurationMs} ms`,
    },
    {
      stage: 'SNS publish, standard topics',
      eventsPerSecond: aws.snsStandardPublishQuota.value,
      basis: `${aws.snsStandardPublishQuota.value} messages/s in ${inputs.region}, 1 message an event`,
    },
  ]
  if (inputs.consumers.some((c) => c.fifo)) {
    stages.push({
      stage: 'SNS publish, FIFO topics',
      eventsPerSecond: aws.snsFifoPublishQuota.value,
      basis: `${aws.snsFifoPublishQuota.value} messages/s (regional), events routed to FIFO topics`,
    })
  }
  for (const c of inputs.consumers) {
    const lambda = c.maxConcurrency * c.batchSize * perSecond(inputs.consumerBatchDurationMs)
    const fifoCap = c.fifo ? aws.sqsFifoBatchedThroughput.value : Number.POSITIVE_INFINITY
    stages.push({
      stage: `consumer ${c.name}${c.fifo ? ' (FIFO queue)' : ''}`,
      eventsPerSecond: Math.min(lambda, fifoCap),
      basis: `${c.maxConcurrency} concurrent × ${c.batchSize} events / ${inputs.consumerBatchDurationMs} ms`,
    })
  }
  return stages
}

/** The stage with the lowest ceiling (the first listed on a tie). */
export function bindingStage(ceilings: readonly Ceiling[]): Ceiling {
  const [first, ...rest] = ceilings
  if (first === undefined) throw new Error('no stage to bind')
  return rest.reduce((low, c) => (c.eventsPerSecond < low.eventsPerSecond ? c : low), first)
}

/**
 * Ceilings of one stream (one partition key), which no shard count raises: the events table and
 * the index shard it hashes to take one partition's writes, and order-summary updates one read-model
 * item per order in a transaction (2 write units an event).
 */
export function streamCeilings(): Ceiling[] {
  const partition = aws.partitionWriteUnits.value
  const txn = aws.transactionalWriteFactor.value
  return [
    {
      stage: 'events table, one stream',
      eventsPerSecond: partition / itemsPerCall.publishPut.items,
      basis: `${partition} write units/s on one partition, 1 unit an event`,
    },
    {
      stage: 'byTime index, the shard of one stream',
      eventsPerSecond: partition / INDEX_UNITS_PER_EVENT,
      basis: `a stream always hashes to one shard`,
    },
    {
      stage: 'read model, one order (order-summary)',
      eventsPerSecond: partition / txn,
      basis: `transactional update: ${txn} write units an event`,
    },
  ]
}
