/**
 * The one declaration of topics, event-type routes and consumers. The CDK stacks and the local runtime
 * both build from it, so what runs on a laptop is what `cdk deploy` creates.
 *
 * Adding a consumer: one file in `functions/consumers/` plus one entry in `consumers` below.
 */

/** An SNS topic (and, when `fifo`, a FIFO topic whose consumers get FIFO queues). */
export interface TopicDeclaration {
  /** Logical name; the physical name is derived per stage. FIFO topics get the `.fifo` suffix. */
  name: string
  fifo: boolean
}

/**
 * An SNS subscription filter policy on message attributes (`type`, `subject`, `schemaversion`,
 * `replay`), in SNS's own syntax, e.g. `{ type: ['OrderShipped'] }` or `{ type: [{ prefix: 'Order' }] }`.
 */
export type FilterPolicy = Record<string, unknown[]>

/** A consumer: one queue + DLQ subscribed to one topic, drained by one Lambda function. */
export interface ConsumerDeclaration {
  /** Name of the consumer, its queue (`<name>`), DLQ (`<name>-dlq`) and function. */
  name: string
  /** Name of the topic it subscribes to. */
  topic: string
  /** Filter policy on message attributes; absent = every event of the topic. */
  filterPolicy?: FilterPolicy
  /** Handler module, relative to the project root. */
  entry: string
  /** SQS event source mapping batch size (1–10 for FIFO, up to 10,000 otherwise). */
  batchSize: number
  /** Maximum batching window in seconds (0 = invoke as soon as messages arrive). */
  maxBatchingWindowSeconds: number
  /** Maximum concurrent invocations of the consumer function (event source mapping maximum concurrency, ≥ 2). */
  maxConcurrency: number
  /** Receives before SQS moves a message to the DLQ (DESIGN.md default 5). */
  maxReceiveCount: number
  /** Function timeout in seconds; the queue's visibility timeout is 6× this (AWS's recommendation). */
  timeoutSeconds: number
  /** Function memory in MB. */
  memoryMb: number
}

/** Topics of the backbone. */
export const topics = [{ name: 'orders', fifo: false }] as const satisfies readonly TopicDeclaration[]

export type TopicName = (typeof topics)[number]['name']

/**
 * Which topic each event type is published to. Types not listed go to `defaultTopic`, so a new event
 * type works without touching this file.
 */
export const routes: Record<string, TopicName> = {
  OrderPlaced: 'orders',
  OrderPaid: 'orders',
  OrderShipped: 'orders',
  OrderCancelled: 'orders',
}

export const defaultTopic: TopicName = 'orders'

/** Consumers of the backbone. */
export const consumers = [
  {
    name: 'order-summary',
    topic: 'orders',
    filterPolicy: { type: [{ prefix: 'Order' }] },
    entry: 'functions/consumers/order-summary.ts',
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    maxConcurrency: 5,
    maxReceiveCount: 5,
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'shipping-notifier',
    topic: 'orders',
    filterPolicy: { type: ['OrderShipped'] },
    entry: 'functions/consumers/shipping-notifier.ts',
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    maxConcurrency: 2,
    maxReceiveCount: 5,
    timeoutSeconds: 10,
    memoryMb: 256,
  },
] as const satisfies readonly ConsumerDeclaration[]

/** The topic an event type is routed to. */
export function topicFor(type: string): TopicName {
  return routes[type] ?? defaultTopic
}

/** Looks up a consumer by name; `undefined` when the topology has none by that name. */
export function findConsumer(name: string): ConsumerDeclaration | undefined {
  return consumers.find((c) => c.name === name)
}

/** Looks up a topic by name; `undefined` when the topology has none by that name. */
export function findTopic(name: string): TopicDeclaration | undefined {
  return topics.find((t) => t.name === name)
}

/**
 * The relay's DynamoDB stream event source mapping. Retries are bounded so one bad record cannot
 * block its shard forever; with bisect and the backoff between attempts they outlast a few minutes of
 * SNS trouble. A batch that exhausts them goes to the on-failure queue, from which a replay of its
 * time range re-sends the events.
 */
export const relay = {
  batchSize: 100,
  maxBatchingWindowSeconds: 0,
  maximumRetryAttempts: 100,
  bisectBatchOnFunctionError: true,
  /** Stream records live 24 h; older ones cannot be read anyway. */
  maximumRecordAgeSeconds: 86_400,
  timeoutSeconds: 30,
  memoryMb: 512,
} as const
