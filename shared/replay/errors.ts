import { BackboneError } from '../errors.ts'

/** Base class of replay errors. */
export class ReplayError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ReplayError'
  }
}

/**
 * The replay request is malformed or names something the deployment does not have. `field` is the
 * path of the offending value (`target.consumer`, `filter.from`, ...). Raised before anything is sent.
 */
export class ReplayRequestError extends ReplayError {
  readonly field: string
  constructor(field: string, message: string, options?: ErrorOptions) {
    super(`Invalid replay request: ${field}: ${message}`, options)
    this.name = 'ReplayRequestError'
    this.field = field
  }
}

/** No job with this id exists (it never did, or it expired from the jobs table). */
export class ReplayJobNotFoundError extends ReplayError {
  readonly jobId: string
  constructor(jobId: string, options?: ErrorOptions) {
    super(`Replay job ${jobId} not found`, options)
    this.name = 'ReplayJobNotFoundError'
    this.jobId = jobId
  }
}

/** The jobs table failed in a way that is not a domain outcome (throttling, network, ...). */
export class ReplayJobStoreError extends ReplayError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ReplayJobStoreError'
  }
}
