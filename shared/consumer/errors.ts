/**
 * Typed errors of the consumer middleware. {@link PoisonMessageError} and its subclasses mark a
 * record that can never succeed: the middleware moves it to the DLQ at once instead of retrying it.
 * Every other error is transient: the record is reported as a batch item failure and retried.
 */
import { BackboneError } from '../errors.ts'

/** Values of the `failure-type` message attribute on a dead-lettered message. */
export const PoisonFailureType = {
  /** The body is not JSON, or not a CloudEvent / SNS notification at all. */
  Unparseable: 'Unparseable',
  /** The CloudEvents envelope is missing or has a malformed attribute. */
  InvalidEnvelope: 'InvalidEnvelope',
  /** The event type is not in the registry. */
  UnknownEventType: 'UnknownEventType',
  /** The data does not match the newest schema of its type (after upcasting). */
  SchemaViolation: 'SchemaViolation',
  /** The filter policy let the event through but the consumer declares no handler for its type. */
  NoHandler: 'NoHandler',
} as const

export type PoisonFailureType = (typeof PoisonFailureType)[keyof typeof PoisonFailureType]

/** Base class of the consumer middleware's errors. */
export class ConsumerError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ConsumerError'
  }
}

/** A record that can never succeed; `message` is the `failure-reason` and names the field at fault. */
export class PoisonMessageError extends ConsumerError {
  readonly failureType: PoisonFailureType
  constructor(failureType: PoisonFailureType, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'PoisonMessageError'
    this.failureType = failureType
  }
}

/** Another delivery of the same event holds an unexpired in-progress marker; retry later. */
export class EventInProgressError extends ConsumerError {
  readonly eventId: string
  constructor(consumer: string, eventId: string, options?: ErrorOptions) {
    super(`Event ${eventId} is already being handled by another invocation of ${consumer}`, options)
    this.name = 'EventInProgressError'
    this.eventId = eventId
  }
}

/** The dedup store failed (throttling, network): the record is retried. */
export class DedupStoreError extends ConsumerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'DedupStoreError'
  }
}

/** A poison message could not be sent to the DLQ: the record is retried, so it is never lost. */
export class DeadLetterError extends ConsumerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'DeadLetterError'
  }
}

/** The consumer's handler threw: the record is retried (and reaches the DLQ after maxReceiveCount). */
export class HandlerFailedError extends ConsumerError {
  readonly eventId: string
  constructor(eventId: string, options?: ErrorOptions) {
    super(`Handler failed for event ${eventId}`, options)
    this.name = 'HandlerFailedError'
    this.eventId = eventId
  }
}

/** The invocation's event has no `Records` array: the function is not wired to an SQS event source. */
export class UnexpectedBatchError extends ConsumerError {
  constructor(options?: ErrorOptions) {
    super('The event has no Records array: not an SQS batch', options)
    this.name = 'UnexpectedBatchError'
  }
}

/** No alternative of a transactional effect had its conditions hold: nothing was written. */
export class EffectConditionFailedError extends ConsumerError {
  constructor(eventId: string, reasons: string, options?: ErrorOptions) {
    super(`No alternative of the effect of event ${eventId} could be committed: ${reasons}`, options)
    this.name = 'EffectConditionFailedError'
  }
}

/** The consumer declares effects but its dedup store cannot commit them in a transaction. */
export class TransactionsUnsupportedError extends ConsumerError {
  constructor(consumer: string, options?: ErrorOptions) {
    super(`Consumer ${consumer} declares effects, but its dedup store cannot commit transactions`, options)
    this.name = 'TransactionsUnsupportedError'
  }
}
