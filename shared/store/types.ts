/**
 * The types of the event store's API (`EventStore` in `event-store.ts`), which re-exports them.
 */
import type { StoredEvent } from '../events/stored-event.ts'

export type { StoredEvent } from '../events/stored-event.ts'

/** An event to append. `id` defaults to a random UUID; it is the deduplication key downstream. */
export interface NewEvent {
  id?: string
  type: string
  data: unknown
  /**
   * Free-form string metadata stored with the event. The keys `correlationid`, `causationid` and
   * `traceparent` also travel as CloudEvents extensions (see `toCloudEvent`).
   */
  metadata?: Record<string, string>
}

export interface AppendOptions {
  /**
   * Optimistic concurrency: the stream's current version (0 = must be empty). The new events get
   * versions expectedVersion+1.. or the append fails with VersionConflictError. Omit to append at
   * the head whatever it is (the store retries a bounded number of times under contention).
   */
  expectedVersion?: number
  /**
   * Makes a retry of the same request return the first result and store nothing (24 h). The request
   * is fingerprinted by the store: stream id, the events as given here, and expectedVersion.
   */
  idempotencyKey?: string
  /**
   * Tracing values of the request, stored in every event's metadata (`correlationid`, `traceparent`,
   * and `causationid` unless the event sets its own). Not part of the request's fingerprint: a retry
   * of the same request arrives with a new request id and trace.
   */
  correlation?: AppendCorrelation
}

/** Tracing values of the request that appends (structurally the HTTP layer's `Correlation`). */
export interface AppendCorrelation {
  correlationId: string
  causationId: string
  traceparent: string
}

export interface AppendResult {
  streamId: string
  events: StoredEvent[]
  /** True when this is the stored result of an earlier request with the same idempotency key. */
  idempotentReplay: boolean
}

export interface ReadStreamOptions {
  /** First version to return (inclusive), default 1. */
  fromVersion?: number
  /** Last version to return (inclusive), default the head. */
  toVersion?: number
  /** Page size, default and maximum {@link MAX_READ_LIMIT}. */
  limit?: number
}

export interface ReadStreamResult {
  events: StoredEvent[]
  /** Set when more events may follow: pass it as the next `fromVersion`. */
  nextVersion?: number
}

export interface ReadAllOptions {
  /** Inclusive lower bound, ISO-8601; omitted, the read starts at the oldest stored event. */
  from?: string
  /** Exclusive upper bound, ISO-8601. */
  to: string
  /** Only these event types (all when omitted or empty). */
  types?: string[]
  /** Opaque cursor from the previous page. */
  cursor?: string
  /** Page size, default and maximum {@link MAX_READ_LIMIT}. */
  limit?: number
}

export interface ReadAllResult {
  /** Ordered by time, then stream id, then version. */
  events: StoredEvent[]
  /** Set when more events may follow (a page may be empty yet carry a cursor). */
  cursor?: string
}

/** Default and maximum page size of the read methods. */
export const MAX_READ_LIMIT = 1000
