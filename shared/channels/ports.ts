/**
 * Ports for sending event envelopes to a message channel. The relay, replay and redrive code depend
 * on these interfaces only; `sns-topic-publisher.ts` and `sqs-queue-sender.ts` are the AWS adapters.
 */

/**
 * What a channel needs from an envelope: the CloudEvents fields that also travel as message
 * attributes. Structural, so any CloudEvent object with these fields can be sent; the whole object is
 * serialised as the message body.
 */
export interface OutboundEnvelope {
  /** CloudEvents `id` (= event id): FIFO deduplication id. */
  id: string
  type: string
  /** Stream id: FIFO message group id, so one stream stays in order. */
  subject: string
  schemaversion: number | string
  /** `true` on replays. */
  replay?: boolean | undefined
  /** `true` when a replay asks idempotent consumers to handle events they have already seen. */
  reprocess?: boolean | undefined
}

/** Options of a batch send. */
export interface SendOptions {
  /**
   * FIFO targets only: a name for this sending, mixed into each message's deduplication id. Without
   * it the id is the event id, so re-sending an event the target saw in the last 5 minutes is dropped
   * as a duplicate (what the relay's retries need). A replay passes its job id: its own retries are
   * still deduplicated, but it is not mistaken for the live delivery or for an earlier replay.
   */
  deduplicationScope?: string
}

/** One envelope the channel did not accept. */
export interface FailedEntry {
  /** The envelope's `id`. */
  id: string
  /** Position of the envelope in the array given to the call (ids need not be unique). */
  index: number
  /** AWS error code of the entry or the call, or one of {@link ChannelFailureCode}. */
  code: string
  message: string
}

/** Outcome of a batch send: every envelope not listed in `failed` was accepted. */
export interface SendResult {
  failed: FailedEntry[]
}

/** Publishes envelopes to an SNS topic (the topic fans them out to subscribed queues). */
export interface TopicPublisher {
  /** Sends every envelope, chunked to the service limits; never throws for service errors. */
  publishBatch(
    topicArn: string,
    envelopes: readonly OutboundEnvelope[],
    options?: SendOptions,
  ): Promise<SendResult>
}

/** Sends envelopes straight to one SQS queue (targeted replay, redrive). */
export interface QueueSender {
  /** Sends every envelope, chunked to the service limits; never throws for service errors. */
  sendBatch(
    queueUrl: string,
    envelopes: readonly OutboundEnvelope[],
    options?: SendOptions,
  ): Promise<SendResult>
}
