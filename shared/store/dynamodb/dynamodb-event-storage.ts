/**
 * The DynamoDB adapter of the storage port: one item per event in the events table (see
 * `table-schema.ts`), keyed by stream id and version; a time index for cross-stream reads; guards
 * in the same table so they commit in the same write as the events.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { ValidationError } from '../../errors.ts'
import type { EventStorage, GuardWrite, TimeRange, VersionRange, WriteOptions } from '../event-storage.ts'
import type { IdempotencyGuard } from '../idempotency.ts'
import type { Snapshot } from '../snapshot.ts'
import { TimeIndexShards } from '../table-schema.ts'
import type { ReadAllResult, ReadStreamResult, StoredEvent } from '../types.ts'
import { HistoryRecorder } from './history-recorder.ts'
import { ReadAhead } from './read-ahead.ts'
import { readAll } from './read-all.ts'
import { readGuard } from './read-guard.ts'
import { readHead, readStream } from './read-stream.ts'
import { readSnapshot, writeSnapshot } from './snapshots.ts'
import { type WriteContext, writeEvents } from './write-events.ts'

export interface DynamoDBEventStorageOptions {
  /** A DocumentClient, e.g. `documentClient(config)` from `shared/clients/dynamodb.ts`. */
  client: DynamoDBDocumentClient
  tableName: string
  /**
   * Shards of the time index this writer spreads a day's events over (default
   * `TimeIndexShards.default`); readers learn the count from the history marker.
   */
  timeIndexShards?: number
}

/**
 * @example
 * const storage = new DynamoDBEventStorage({ client: documentClient(config), tableName: config.eventsTableName })
 * const store = new EventStore({ storage, registry })
 */
export class DynamoDBEventStorage implements EventStorage {
  readonly #ctx: WriteContext
  readonly #readAhead = new ReadAhead()

  constructor(opts: DynamoDBEventStorageOptions) {
    const shards = opts.timeIndexShards ?? TimeIndexShards.default
    if (!Number.isInteger(shards) || shards < TimeIndexShards.min || shards > TimeIndexShards.max) {
      throw new ValidationError('Invalid timeIndexShards', [
        {
          path: 'timeIndexShards',
          message: `must be an integer from ${TimeIndexShards.min} to ${TimeIndexShards.max}`,
        },
      ])
    }
    const ctx = { client: opts.client, tableName: opts.tableName }
    this.#ctx = { ...ctx, shards, history: new HistoryRecorder(ctx, shards) }
  }

  readHead(streamId: string): Promise<number> {
    return readHead(this.#ctx, streamId)
  }

  readStream(streamId: string, range: VersionRange): Promise<ReadStreamResult> {
    return readStream(this.#ctx, streamId, range)
  }

  readAll(range: TimeRange): Promise<ReadAllResult> {
    return readAll({ ...this.#ctx, readAhead: this.#readAhead }, range)
  }

  readGuard(key: string): Promise<IdempotencyGuard | undefined> {
    return readGuard(this.#ctx, key)
  }

  writeEvents(events: StoredEvent[], guard?: GuardWrite, opts?: WriteOptions): Promise<void> {
    return writeEvents(this.#ctx, events, guard, opts)
  }

  readSnapshot(streamId: string, reducerVersion: string, atOrBelow: number): Promise<Snapshot | undefined> {
    return readSnapshot(this.#ctx, streamId, reducerVersion, atOrBelow)
  }

  writeSnapshot(snapshot: Snapshot): Promise<void> {
    return writeSnapshot(this.#ctx, snapshot)
  }
}
