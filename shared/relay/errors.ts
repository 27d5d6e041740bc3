import { BackboneError } from '../errors.ts'

/** Base class of the relay's errors. */
export class RelayError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RelayError'
  }
}

/**
 * An INSERT of the events table whose new image is not an event item. It can never be relayed, so it
 * is reported as a batch item failure: after the mapping's bounded retries it lands in the on-failure
 * queue, where an operator sees it, instead of being dropped.
 */
export class MalformedStreamRecordError extends RelayError {
  readonly sequenceNumber: string | undefined
  constructor(sequenceNumber: string | undefined, reason: string, options?: ErrorOptions) {
    super(`Stream record ${sequenceNumber ?? '(no sequence number)'} is not an event: ${reason}`, options)
    this.name = 'MalformedStreamRecordError'
    this.sequenceNumber = sequenceNumber
  }
}
