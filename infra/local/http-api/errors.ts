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

/** The function failed (error, timeout, crash): API Gateway answers 500. */
export class IntegrationFailedError extends HttpApiError {
  readonly functionName: string
  constructor(functionName: string, detail: string, options?: ErrorOptions) {
    super(`${functionName} failed: ${detail}`, options)
    this.name = 'IntegrationFailedError'
    this.functionName = functionName
  }
}

/** The function's result is no valid payload 2.0 response: API Gateway answers 500. */
export class MalformedResponseError extends HttpApiError {
  readonly functionName: string
  constructor(functionName: string, problem: string, options?: ErrorOptions) {
    super(`${functionName} returned a malformed response: ${problem}`, options)
    this.name = 'MalformedResponseError'
    this.functionName = functionName
  }
}
