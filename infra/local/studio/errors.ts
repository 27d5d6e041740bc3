/** Errors of Event Studio's server: a request it refuses, answered as a problem naming the field. */
export class StudioError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StudioError'
  }
}

/** A client's mistake: answered with `status` (4xx) and a message naming `field`. */
export class StudioRequestError extends StudioError {
  readonly status: number
  readonly field: string
  constructor(status: number, field: string, message: string) {
    super(`${field}: ${message}`)
    this.name = 'StudioRequestError'
    this.status = status
    this.field = field
  }
}
