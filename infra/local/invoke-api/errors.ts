/**
 * Errors of the local Invoke API, each carrying the AWS error type and HTTP status Lambda answers
 * with, so SDK clients raise the same exception classes they raise against AWS.
 */

/** Who is at fault, as AWS's JSON error body says in `Type`. */
type Fault = 'User' | 'Service'

/** Base class of every error answered by the local Invoke API. */
export class InvokeApiError extends Error {
  /** AWS error code, sent in the `x-amzn-ErrorType` header. */
  readonly awsType: string
  readonly statusCode: number
  readonly fault: Fault
  constructor(
    awsType: string,
    statusCode: number,
    message: string,
    options?: ErrorOptions & { fault?: Fault },
  ) {
    super(message, options)
    this.name = 'InvokeApiError'
    this.awsType = awsType
    this.statusCode = statusCode
    this.fault = options?.fault ?? 'User'
  }
}

/** The function (or that version of it) does not exist. */
export class ResourceNotFoundError extends InvokeApiError {
  constructor(arn: string) {
    super('ResourceNotFoundException', 404, `Function not found: ${arn}`)
    this.name = 'ResourceNotFoundError'
  }
}

/** The payload is not JSON. */
export class InvalidRequestContentError extends InvokeApiError {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    super('InvalidRequestContentException', 400, `Could not parse request body into json: ${detail}`, {
      cause,
    })
    this.name = 'InvalidRequestContentError'
  }
}

/** The payload is over Lambda's limit for the invocation type. */
export class RequestTooLargeError extends InvokeApiError {
  constructor(limitBytes: number) {
    super(
      'RequestTooLargeException',
      413,
      `Request must be smaller than ${limitBytes} bytes for the InvokeFunction operation`,
    )
    this.name = 'RequestTooLargeError'
  }
}

/** A parameter breaks its constraint (function name pattern, invocation type enum). */
export class ValidationError extends InvokeApiError {
  constructor(field: string, value: string, constraint: string) {
    super(
      'ValidationException',
      400,
      `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
    )
    this.name = 'ValidationError'
  }
}

/** The path is no Lambda operation this server emulates. */
export class UnknownOperationError extends InvokeApiError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', 404, `The local Invoke API does not emulate ${method} ${path}`)
    this.name = 'UnknownOperationError'
  }
}

/** The local runtime itself failed (e.g. it is shutting down). */
export class ServiceError extends InvokeApiError {
  constructor(message: string, cause: unknown) {
    super('ServiceException', 500, message, { cause, fault: 'Service' })
    this.name = 'ServiceError'
  }
}
