/**
 * Typed errors of the shared core. Every domain failure is a subclass of {@link BackboneError},
 * with `name` set (so it survives serialisation and logging) and the original `cause` kept.
 * The HTTP and batch edges map these classes to problem details / batch-item failures in one place.
 */

/** One field-level problem, `path` in JS notation rooted at the offending value, e.g. `data.items[0].quantity`. */
export interface ValidationIssue {
  path: string
  message: string
}

/** Base class of every error raised by `shared/`. */
export class BackboneError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'BackboneError'
  }
}

/** A variable required by the running function is missing or malformed. */
export class ConfigError extends BackboneError {
  readonly variable: string
  constructor(variable: string, message: string, options?: ErrorOptions) {
    super(`Invalid configuration: ${variable}: ${message}`, options)
    this.name = 'ConfigError'
    this.variable = variable
  }
}

/** Input (event data, envelope, stream id, request) does not match its schema. */
export class ValidationError extends BackboneError {
  readonly issues: ValidationIssue[]
  constructor(message: string, issues: ValidationIssue[], options?: ErrorOptions) {
    super(message, options)
    this.name = 'ValidationError'
    this.issues = issues
  }
}

/** The event type is not declared in the registry. */
export class UnknownEventTypeError extends BackboneError {
  readonly eventType: string
  constructor(eventType: string, options?: ErrorOptions) {
    super(`Unknown event type: ${eventType}`, options)
    this.name = 'UnknownEventTypeError'
    this.eventType = eventType
  }
}

/** Optimistic concurrency failed: the stream is not at the version the writer expected. */
export class VersionConflictError extends BackboneError {
  readonly streamId: string
  readonly expectedVersion: number
  readonly actualVersion: number
  constructor(streamId: string, expectedVersion: number, actualVersion: number, options?: ErrorOptions) {
    super(
      `Version conflict on stream ${streamId}: expected version ${expectedVersion}, actual ${actualVersion}`,
      options,
    )
    this.name = 'VersionConflictError'
    this.streamId = streamId
    this.expectedVersion = expectedVersion
    this.actualVersion = actualVersion
  }
}

/** An idempotency key was reused with a different request (another body or another stream). */
export class IdempotencyKeyReusedError extends BackboneError {
  readonly idempotencyKey: string
  constructor(idempotencyKey: string, options?: ErrorOptions) {
    super(`Idempotency key ${idempotencyKey} was already used for a different request`, options)
    this.name = 'IdempotencyKeyReusedError'
    this.idempotencyKey = idempotencyKey
  }
}

/** Too many events, or too many bytes, for one atomic append. */
export class BatchTooLargeError extends BackboneError {
  readonly limit: number
  readonly actual: number
  readonly unit: 'events' | 'bytes'
  constructor(unit: 'events' | 'bytes', actual: number, limit: number, options?: ErrorOptions) {
    super(`Batch too large: ${actual} ${unit}, limit ${limit}`, options)
    this.name = 'BatchTooLargeError'
    this.unit = unit
    this.actual = actual
    this.limit = limit
  }
}

/** One event's envelope would not fit in one SNS message. */
export class EventTooLargeError extends BackboneError {
  readonly index: number
  readonly sizeBytes: number
  readonly limitBytes: number
  constructor(index: number, sizeBytes: number, limitBytes: number, options?: ErrorOptions) {
    super(`Event ${index} is too large: ${sizeBytes} bytes, limit ${limitBytes}`, options)
    this.name = 'EventTooLargeError'
    this.index = index
    this.sizeBytes = sizeBytes
    this.limitBytes = limitBytes
  }
}

/** The stream has no events (at or before the requested version). */
export class StreamNotFoundError extends BackboneError {
  readonly streamId: string
  constructor(streamId: string, options?: ErrorOptions) {
    super(`Stream not found: ${streamId}`, options)
    this.name = 'StreamNotFoundError'
    this.streamId = streamId
  }
}

/** No reducer is declared for this kind of stream, so its state cannot be folded. */
export class NoReducerError extends BackboneError {
  readonly streamId: string
  constructor(streamId: string, options?: ErrorOptions) {
    super(`No reducer for stream ${streamId}`, options)
    this.name = 'NoReducerError'
    this.streamId = streamId
  }
}

/** A programming error in an event type declaration (caught at module load, never at runtime). */
export class EventTypeDefinitionError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'EventTypeDefinitionError'
  }
}

/** The storage engine failed in a way that is not a domain outcome (throttling, network, ...). */
export class EventStoreError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'EventStoreError'
  }
}
