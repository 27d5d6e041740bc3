/**
 * Errors of the store's storage port. The domain outcomes a client sees (version conflict, reused
 * idempotency key, validation) are in `shared/errors.ts`, where the HTTP edge maps them.
 */
import { BackboneError, EventStoreError } from '../errors.ts'

/** Why a conditional write stored nothing. */
export const WriteConflict = {
  /** One of the events' versions is already taken, or the version before them is not stored. */
  VersionTaken: 'versionTaken',
  /** A live guard already holds the idempotency key. */
  GuardTaken: 'guardTaken',
  /** A condition failed, but the engine did not say which (some engines omit the reasons). */
  Unknown: 'unknown',
  /** The write raced another in-flight transaction on the same items: retry it. */
  Contention: 'contention',
} as const
export type WriteConflict = (typeof WriteConflict)[keyof typeof WriteConflict]

/**
 * A storage write failed one of its conditions and stored nothing. The `EventStore` turns it into
 * a retry, an idempotent replay or a `VersionConflictError`; it never reaches a client.
 */
export class WriteConflictError extends BackboneError {
  readonly conflict: WriteConflict
  constructor(conflict: WriteConflict, options?: ErrorOptions) {
    super(`Conditional write failed: ${conflict}`, options)
    this.name = 'WriteConflictError'
    this.conflict = conflict
  }
}

/** An item of the events table that is not an event (read back from the table or a stream image). */
export class MalformedEventItemError extends EventStoreError {
  /** The attributes missing or of the wrong type. */
  readonly fields: string[]
  constructor(fields: string[], options?: ErrorOptions) {
    super(`invalid fields: ${fields.join(', ')}`, options)
    this.name = 'MalformedEventItemError'
    this.fields = fields
  }
}
