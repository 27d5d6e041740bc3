/**
 * Errors the engine answers with, in the AWS JSON 1.0 shape the SDK v3 parses
 * (`__type` names the exception; extra fields such as `CancellationReasons` ride along).
 */

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#'
const STREAMS = 'com.amazonaws.dynamodb.v20120810#'
const CORAL = 'com.amazon.coral.service#'

/** Base class of every error the DynamoDB engine answers with. */
export class DynamoDBEngineError extends Error {
  override name = 'DynamoDBEngineError'
  /** Fully qualified AWS error type, e.g. `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`. */
  readonly awsType: string
  readonly statusCode: number
  readonly extra: Record<string, unknown>

  constructor(
    awsType: string,
    message: string,
    opts: { statusCode?: number; extra?: object; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause })
    this.awsType = awsType
    this.statusCode = opts.statusCode ?? 400
    this.extra = { ...opts.extra }
  }

  /** The response body, as DynamoDB writes it. */
  toBody(): Record<string, unknown> {
    return { __type: this.awsType, message: this.message, ...this.extra }
  }
}

/** Invalid parameters (DynamoDB's ValidationException). */
export class ValidationError extends DynamoDBEngineError {
  override name = 'ValidationError'
  constructor(message: string) {
    super('com.amazon.coral.validate#ValidationException', message)
  }
}

/** The body is not valid JSON or has wrong types. */
export class SerializationError extends DynamoDBEngineError {
  override name = 'SerializationError'
  constructor(message = 'Start of structure or map found where not expected') {
    super(`${CORAL}SerializationException`, message)
  }
}

/** `X-Amz-Target` names no operation this engine serves. */
export class UnknownOperationError extends DynamoDBEngineError {
  override name = 'UnknownOperationError'
  constructor(target: string) {
    super(`${CORAL}UnknownOperationException`, `Unknown operation: ${target}`)
  }
}

/** The table or stream does not exist. */
export class ResourceNotFoundError extends DynamoDBEngineError {
  override name = 'ResourceNotFoundError'
  constructor(message: string) {
    super(`${DYNAMODB}ResourceNotFoundException`, message)
  }
}

/** One reason per transaction item, in item order. */
export interface CancellationReason {
  Code: string
  Message?: string
  Item?: Record<string, unknown>
}

/** A transaction was cancelled; nothing of it was applied. */
export class TransactionCanceledError extends DynamoDBEngineError {
  override name = 'TransactionCanceledError'
  constructor(reasons: CancellationReason[]) {
    const codes = reasons.map((r) => r.Code).join(', ')
    super(
      `${DYNAMODB}TransactionCanceledException`,
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      { extra: { CancellationReasons: reasons } },
    )
  }
}

/** A shard iterator older than 15 minutes (DynamoDB Streams' limit). */
export class ExpiredIteratorError extends DynamoDBEngineError {
  override name = 'ExpiredIteratorError'
  constructor(message: string) {
    super(`${STREAMS}ExpiredIteratorException`, message)
  }
}

/** Something broke inside the engine; answered as a 500 so the SDK retries. */
export class InternalServerError extends DynamoDBEngineError {
  override name = 'InternalServerError'
  constructor(cause: unknown) {
    super(`${DYNAMODB}InternalServerError`, 'Internal server error', { statusCode: 500, cause })
  }
}
