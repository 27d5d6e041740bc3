import { BackboneError } from '../errors.ts'

/** Base class of redrive errors. */
export class RedriveError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RedriveError'
  }
}

/** The request names a consumer the deployment does not have. */
export class UnknownConsumerError extends RedriveError {
  readonly consumer: string
  readonly known: readonly string[]
  constructor(consumer: string, known: readonly string[], options?: ErrorOptions) {
    super(`Unknown consumer "${consumer}"; known consumers: ${known.join(', ')}`, options)
    this.name = 'UnknownConsumerError'
    this.consumer = consumer
    this.known = known
  }
}

/** The redrive request is not `{ "consumer": "<name>" }`. */
export class InvalidRedriveRequestError extends RedriveError {
  constructor(message: string, options?: ErrorOptions) {
    super(`Invalid redrive request: ${message}`, options)
    this.name = 'InvalidRedriveRequestError'
  }
}

/** SQS refused or failed the move (e.g. a move task already running on the DLQ, missing permissions). */
export class RedriveFailedError extends RedriveError {
  readonly consumer: string
  constructor(consumer: string, reason: string, options?: ErrorOptions) {
    super(`Redrive of ${consumer} failed: ${reason}`, options)
    this.name = 'RedriveFailedError'
    this.consumer = consumer
  }
}
