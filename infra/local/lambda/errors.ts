/**
 * Typed errors of the local Lambda host. These are raised for misuse of the host (an unknown function,
 * a duplicate registration); a failing function is never an exception but an `InvokeResult` with
 * `ok: false`, as Lambda reports it.
 */

/** Base class of every error raised by the local Lambda host. */
export class LambdaHostError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'LambdaHostError'
  }
}

/** No function of that name is registered (Lambda's ResourceNotFoundException). */
export class FunctionNotFoundError extends LambdaHostError {
  readonly functionName: string
  constructor(functionName: string, options?: ErrorOptions) {
    super(`Function not found: ${functionName}`, options)
    this.name = 'FunctionNotFoundError'
    this.functionName = functionName
  }
}

/** A function of that name is already registered (Lambda's ResourceConflictException). */
export class FunctionAlreadyRegisteredError extends LambdaHostError {
  readonly functionName: string
  constructor(functionName: string, options?: ErrorOptions) {
    super(`Function already exists: ${functionName}`, options)
    this.name = 'FunctionAlreadyRegisteredError'
    this.functionName = functionName
  }
}

/** A function definition breaks one of Lambda's rules (name, timeout, memory, concurrency). */
export class InvalidFunctionDefinitionError extends LambdaHostError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'InvalidFunctionDefinitionError'
  }
}

/** The event cannot be serialised to JSON, so it could never reach a real Lambda function. */
export class InvalidEventError extends LambdaHostError {
  constructor(functionName: string, options?: ErrorOptions) {
    super(`Event for ${functionName} is not JSON-serialisable`, options)
    this.name = 'InvalidEventError'
  }
}

/** The host was closed while the invocation was still waiting for a free execution environment. */
export class HostClosedError extends LambdaHostError {
  constructor(functionName: string, options?: ErrorOptions) {
    super(`The local Lambda host closed before ${functionName} could run`, options)
    this.name = 'HostClosedError'
  }
}
