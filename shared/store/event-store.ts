/**
 * The event store port. Adapters: `dynamodb/` (production and the local runtime) and `in-memory/`
 * (fast domain tests). Both honour the same contract, checked by the same test suite.
 */

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

/** An event as stored: its place in its stream, the schema version its data was written with. */
export interface StoredEvent {
  streamId: string
  /** 1-based, consecutive within the stream. */
  version: number
  id: string
  type: string
  schemaVersion: number
  data: unknown
  metadata: Record<string, string>
  /** ISO-8601 UTC with milliseconds (`Date#toISOString`), set by the store when appending. */
  time: string
}

export interface AppendOptions {
  /**
   * Optimistic concurrency: the stream's current version (0 = must be empty). The new events get
   * versions expectedVersion+1.. or the append fails with VersionConflictError. Omit to append at
   * the head whatever it is (the store retries a bounded number of times under contention).
   */
  expectedVersion?: number
  /** Makes a retry with the same key and request return the first result and store nothing (24 h). */
  idempotencyKey?: string
  /**
   * Fingerprint of the request the key protects. Defaults to a hash of streamId, events and
   * expectedVersion; pass the HTTP body's hash to compare exactly what the client sent.
   */
  requestHash?: string
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
  /** Inclusive lower bound, ISO-8601. */
  from: string
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

/** Where events live. Every method throws only `BackboneError` subclasses. */
export interface EventStore {
  /** Appends events atomically: all of them or none. */
  append(streamId: string, events: NewEvent[], opts?: AppendOptions): Promise<AppendResult>
  /** Reads one stream in version order, paged. An unknown stream reads as empty. */
  readStream(streamId: string, opts?: ReadStreamOptions): Promise<ReadStreamResult>
  /** Reads every stream's events in a time range (for replay), paged, without a table scan. */
  readAll(opts: ReadAllOptions): Promise<ReadAllResult>
}

/** Default and maximum page size of the read methods. */
export const MAX_READ_LIMIT = 1000
