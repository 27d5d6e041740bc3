/**
 * Service limits that shape every batch call. SNS PublishBatch and SQS SendMessageBatch share them:
 * at most 10 entries, and 256 KiB for one message and for the whole request (body plus message
 * attribute names, types and values).
 */
export const ChannelLimits = {
  maxBatchEntries: 10,
  /** 256 KiB. SQS alone now accepts 1 MiB messages, but SNS does not, and envelopes go through both. */
  maxBatchBytes: 262_144,
} as const

/** Failure codes the adapters produce themselves (AWS codes are passed through unchanged). */
export const ChannelFailureCode = {
  /** The envelope alone exceeds the 256 KiB message limit: it can never be sent as is. */
  MessageTooLarge: 'MessageTooLarge',
  /** An earlier call of the same send threw, so this chunk was not sent at all. */
  NotAttempted: 'NotAttempted',
  /** The service answered without listing this entry as successful or failed. */
  MissingResult: 'MissingResult',
} as const
