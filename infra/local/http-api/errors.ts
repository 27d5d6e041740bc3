/** Typed errors of the local HTTP API. Request-time problems become HTTP answers, never exceptions. */

/** Base class of every error raised by the local HTTP API. */
export class HttpApiError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'HttpApiError'
  }
}

/** A route key API Gateway would refuse, e.g. a missing method or a greedy parameter mid-path. */
export class InvalidRouteKeyError extends HttpApiError {
  readonly routeKey: string
  constructor(routeKey: string, reason: string, options?: ErrorOptions) {
    super(`Invalid route key "${routeKey}": ${reason}`, options)
    this.name = 'InvalidRouteKeyError'
    this.routeKey = routeKey
  }
}
