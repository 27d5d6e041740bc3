/**
 * The DynamoDB adapter of the event store: one item per event in the events table (see
 * `table-schema.ts`), keyed by stream id and version; a time index for cross-stream reads.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
} from '../event-store.ts'
import { MAX_APPEND_ATTEMPTS } from '../limits.ts'
import type { SchemaSource } from '../prepare-append.ts'
import { appendEvents } from './append.ts'
import type { StoreContext } from './context.ts'
import { readAll } from './read-all.ts'
import { readStream } from './read-stream.ts'

export interface DynamoDbEventStoreOptions {
  /** A DocumentClient, e.g. `documentClient(config)` from `shared/clients/dynamodb.ts`. */
  client: DynamoDBDocumentClient
  tableName: string
  /** The event types: appends are validated against, and stamped with, their newest schema. */
  registry: SchemaSource
  /** Clock, injectable for tests. */
  now?: () => Date
  /** Attempts of an append without expectedVersion under contention; default {@link MAX_APPEND_ATTEMPTS}. */
  maxAppendAttempts?: number
}

/**
 * @example
 * const config = loadEventStoreConfig()
 * const store = new DynamoDbEventStore({ client: documentClient(config), tableName: config.eventsTableName, registry })
 * await store.append('order-42', [{ type: 'OrderPaid', data }], { expectedVersion: 1 })
 */
export class DynamoDbEventStore implements EventStore {
  readonly #ctx: StoreContext

  constructor(opts: DynamoDbEventStoreOptions) {
    this.#ctx = {
      client: opts.client,
      tableName: opts.tableName,
      registry: opts.registry,
      now: opts.now ?? (() => new Date()),
      maxAppendAttempts: opts.maxAppendAttempts ?? MAX_APPEND_ATTEMPTS,
    }
  }

  append(streamId: string, events: NewEvent[], opts?: AppendOptions): Promise<AppendResult> {
    return appendEvents(this.#ctx, streamId, events, opts)
  }

  readStream(streamId: string, opts?: ReadStreamOptions): Promise<ReadStreamResult> {
    return readStream(this.#ctx, streamId, opts)
  }

  readAll(opts: ReadAllOptions): Promise<ReadAllResult> {
    return readAll(this.#ctx, opts)
  }
}
