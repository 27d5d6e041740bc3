/**
 * Port of a consumer's dead-letter channel: where a poison message goes at once, with its reason,
 * instead of burning its receives. `sqs-dead-letter-channel.ts` is the SQS adapter.
 */
import type { SQSRecord } from 'aws-lambda'
import type { PoisonFailureType } from './errors.ts'

/** Why a message was dead-lettered; travels as the `failure-type` / `failure-reason` attributes. */
export interface PoisonFailure {
  failureType: PoisonFailureType
  /** A clear message naming the field at fault, e.g. `data.items[0].quantity: Too small`. */
  reason: string
}

/** Sends records, unchanged, to the consumer's DLQ. */
export interface DeadLetterChannel {
  /** Throws `DeadLetterError` when the message could not be sent (the record is then retried). */
  send(record: SQSRecord, failure: PoisonFailure): Promise<void>
}
