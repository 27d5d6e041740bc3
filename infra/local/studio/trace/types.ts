/**
 * What Event Studio's trace records about one event, hop by hop, from what the local runtime saw
 * happen (stream records given to the relay, the SNS/SQS engine's messages, consumer invocations).
 */

/** The kinds of hop, in the order an event normally meets them. */
export const HopKind = {
  /** The events table's stream handed the committed event to the relay. */
  Stored: 'stored',
  /** Published to its topic (by the relay, or by a replay aimed at a topic). */
  Relayed: 'relayed',
  /** The topic's subscription for a consumer let it through: the message is in the consumer's queue. */
  Delivered: 'delivered',
  /** The subscription's filter policy kept it out of a consumer's queue. */
  FilteredOut: 'filtered-out',
  /** The consumer function ran it and did not report it failed (its handler ran). */
  Handled: 'handled',
  /** The consumer ran it again and its deduplication skipped the handler (seen before, no reprocess). */
  Deduplicated: 'deduplicated',
  /** The consumer invocation failed it; it returns after the visibility timeout. */
  Failed: 'failed',
  /** Moved to the consumer's DLQ: at once as poison (with its reason), or after maxReceiveCount. */
  DeadLettered: 'dead-lettered',
} as const
export type HopKind = (typeof HopKind)[keyof typeof HopKind]

/** One thing that happened to an event. */
export interface TraceHop {
  kind: HopKind
  /** Epoch ms at which the runtime saw it. */
  at: number
  /** Milliseconds since the event's stored time (the publish). */
  sincePublishMs?: number
  consumer?: string
  topic?: string
  /** The SNS message id (relayed) or the SQS message id (delivered, dead-lettered). */
  messageId?: string
  /** True when the message was a replay. */
  replay?: boolean
  /** The filter policy (filtered-out). */
  filterPolicy?: unknown
  /** `failure-type` / `failure-reason` (dead-lettered), or the function's error (failed). */
  failureType?: string
  failureReason?: string
}

/** Everything recorded about one event. */
export interface EventTrace {
  eventId: string
  streamId?: string
  version?: number
  type?: string
  /** The stored time (ISO-8601), the publish. */
  time?: string
  hops: TraceHop[]
}
