/**
 * The DynamoDB adapter of the storage port: one item per event in the events table (see
 * `table-schema.ts`), keyed by stream id and version; a time index for cross-stream reads; guards
 * in the same table so they commit in the same write as the events.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { EventStorage, GuardWrite, TimeRange, VersionRange } from '../event-storage.ts'
import type { IdempotencyGuard } from '../idempotency.ts'
import type { ReadAllResult, ReadStreamResult, StoredEvent } from '../types.ts'
import type { StoreContext } from './context.ts'
import { readAll } from './read-all.ts'
import { readGuard } from './read-guard.ts'
import { readHead, readStream } from './read-stream.ts'
import { writeEvents } from './write-events.ts'

export interface DynamoDBEventStorageOptions {
  /** A DocumentClient, e.g. `documentClient(config)` from `shared/clients/dynamodb.ts`. */
  client: DynamoDBDocumentClient
  tableName: string
}

/**
 * @example
 * const storage = new DynamoDBEventStorage({ client: documentClient(config), tableName: config.eventsTableName })
 * const store = new EventStore({ storage, registry })
 */
export class DynamoDBEventStorage implements EventStorage {
  readonly #ctx: StoreContext

  constructor(opts: DynamoDBEventStorageOptions) {
    this.#ctx = { client: opts.client, tableName: opts.tableName }
  }

  readHead(streamId: string): Promise<number> {
    return readHead(this.#ctx, streamId)
  }

  readStream(streamId: string, range: VersionRange): Promise<ReadStreamResult> {
    return readStream(this.#ctx, streamId, range)
  }

  readAll(range: TimeRange): Promise<ReadAllResult> {
    return readAll(this.#ctx, range)
  }

  readGuard(key: string): Promise<IdempotencyGuard | undefined> {
    return readGuard(this.#ctx, key)
  }

  writeEvents(events: StoredEvent[], guard?: GuardWrite): Promise<void> {
    return writeEvents(this.#ctx, events, guard)
  }
}
