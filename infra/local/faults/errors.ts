/** Errors of the fault-injection proxy. */

/** Base class of the fault proxy's errors. */
export class FaultProxyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'FaultProxyError'
  }
}

/** The proxy could not listen (port taken, bad host). */
export class FaultProxyStartError extends FaultProxyError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'FaultProxyStartError'
  }
}
