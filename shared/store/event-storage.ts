/**
 * The storage port under the `EventStore` (as Castore's `EventStorageAdapter`): adapters only store
 * and read. Validation, version assignment, retries and the idempotency rules live in the store, so
 * every adapter behaves the same by construction. Adapters: `dynamodb/` (production and the local
 * runtime) and `in-memory/` (fast tests), both run through the same contract suite.
 */
import type { IdempotencyGuard } from './idempotency.ts'
import type { Snapshot } from './snapshot.ts'
import type { ReadAllResult, ReadStreamResult, StoredEvent } from './types.ts'

/** A version range of one stream, already validated: `1 <= from <= to`, `1 <= limit`. */
export interface VersionRange {
  from: number
  to: number
  limit: number
}

/** A time range across streams, already validated and canonical (`Date#toISOString`). */
export interface TimeRange {
  /** Inclusive; undefined reads from the oldest stored event. */
  from: string | undefined
  /** Exclusive. */
  to: string
  /** Only these types; undefined for all. */
  types: string[] | undefined
  /** The adapter's own cursor from a previous page. */
  cursor: string | undefined
  limit: number
}

/** A guard to write with the events. */
export interface GuardWrite {
  guard: IdempotencyGuard
  /**
   * Epoch seconds: a guard of the same key that expired before this may be overwritten (DynamoDB's
   * TTL deletes lazily, so expired guards linger).
   */
  replacesExpiredBefore: number
}

/** Conditions of a write beyond its own items. */
export interface WriteOptions {
  /**
   * The version before the first event must be stored: with the first event's version free, the
   * stream is then exactly at the version the caller expects. Checked by the adapter, in the same
   * write where it can, so the store need not read the head first.
   */
  requirePrevious?: boolean
}

/** Where events and guards are kept. Every method throws only `BackboneError` subclasses. */
export interface EventStorage {
  /** The stream's current version (0 when empty), strongly consistent. */
  readHead(streamId: string): Promise<number>
  /** Events of `range` in version order; `nextVersion` when more of the range follow the page. */
  readStream(streamId: string, range: VersionRange): Promise<ReadStreamResult>
  /**
   * Events of every stream in the time range, ordered by time, then stream id, then version.
   * Throws `ValidationError` (path `cursor`) for a cursor it did not issue.
   */
  readAll(range: TimeRange): Promise<ReadAllResult>
  /** The guard of an idempotency key, live or expired, or undefined (strongly consistent). */
  readGuard(key: string): Promise<IdempotencyGuard | undefined>
  /**
   * Stores `events` (one stream, consecutive versions) and the guard, all or nothing, in one write.
   * Throws `WriteConflictError` (`./errors.ts`) when a version or the key is taken, the write raced
   * another, or (with `opts.requirePrevious`) the version before the first event is not stored.
   */
  writeEvents(events: StoredEvent[], guard?: GuardWrite, opts?: WriteOptions): Promise<void>
  /** The snapshot of `streamId` by `reducerVersion` with the highest version `<= atOrBelow`, or undefined. */
  readSnapshot(streamId: string, reducerVersion: string, atOrBelow: number): Promise<Snapshot | undefined>
  /**
   * Keeps `snapshot` unless one of the same stream, reducer version and version is already kept
   * (folds are deterministic, so it holds the same state): never overwrites, never conflicts.
   */
  writeSnapshot(snapshot: Snapshot): Promise<void>
}
