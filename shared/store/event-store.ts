/**
 * The event store: one service over a thin storage port (`event-storage.ts`), in the manner of
 * Castore's `EventStore` over its `EventStorageAdapter`. It owns validation, version assignment,
 * retries, the idempotency guard and the request fingerprint; the adapters only store and read.
 */
import { appendEvents } from './append.ts'
import type { EventStorage } from './event-storage.ts'
import { MAX_APPEND_ATTEMPTS } from './limits.ts'
import type { SchemaSource } from './prepare-append.ts'
import { timeRange, versionRange } from './read-bounds.ts'
import type { Snapshot } from './snapshot.ts'
import type {
  AppendOptions,
  AppendResult,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
} from './types.ts'

export type * from './types.ts'
export { MAX_READ_LIMIT } from './types.ts'

export interface EventStoreOptions {
  /** Where events live: `DynamoDBEventStorage` or `InMemoryEventStorage`. */
  storage: EventStorage
  /** The event types: appends are validated against, and stamped with, their newest schema. */
  registry: SchemaSource
  /** Clock, injectable so tests can place events on chosen days and expire guards. */
  clock?: () => Date
  /** Attempts of an append without expectedVersion under contention; default {@link MAX_APPEND_ATTEMPTS}. */
  maxAppendAttempts?: number
}

/**
 * Every method throws only `BackboneError` subclasses.
 *
 * @example
 * const config = loadEventStoreConfig()
 * const storage = new DynamoDBEventStorage({ client: documentClient(config), tableName: config.eventsTableName })
 * const store = new EventStore({ storage, registry })
 * await store.append('order-42', [{ type: 'OrderPaid', data }], { expectedVersion: 1 })
 */
export class EventStore {
  readonly #storage: EventStorage
  readonly #registry: SchemaSource
  readonly #clock: () => Date
  readonly #maxAttempts: number

  constructor(opts: EventStoreOptions) {
    this.#storage = opts.storage
    this.#registry = opts.registry
    this.#clock = opts.clock ?? (() => new Date())
    this.#maxAttempts = opts.maxAppendAttempts ?? MAX_APPEND_ATTEMPTS
  }

  /** Appends events atomically: all of them or none. */
  append(streamId: string, events: NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
    const deps = {
      storage: this.#storage,
      registry: this.#registry,
      clock: this.#clock,
      maxAttempts: this.#maxAttempts,
    }
    return appendEvents(deps, streamId, events, opts)
  }

  /** Reads one stream in version order, paged. An unknown stream reads as empty. */
  async readStream(streamId: string, opts: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const range = versionRange(streamId, opts)
    return range ? this.#storage.readStream(streamId, range) : { events: [] }
  }

  /** Reads every stream's events in a time range (for replay), paged, without a table scan. */
  async readAll(opts: ReadAllOptions): Promise<ReadAllResult> {
    return this.#storage.readAll(timeRange(opts))
  }

  /** The latest snapshot of `streamId` by `reducerVersion` at or below `atOrBelow` (see `load-state.ts`). */
  readSnapshot(streamId: string, reducerVersion: string, atOrBelow: number): Promise<Snapshot | undefined> {
    return this.#storage.readSnapshot(streamId, reducerVersion, atOrBelow)
  }

  /** Keeps a snapshot; a snapshot already kept at that version is left as it is. */
  writeSnapshot(snapshot: Snapshot): Promise<void> {
    return this.#storage.writeSnapshot(snapshot)
  }
}
