import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import { ClaimOutcome, type DedupKey, type DedupStore } from '../dedup-store.ts'
import type { Effect } from '../effects.ts'
import { DedupStoreError, EventInProgressError } from '../errors.ts'
import { commitEffect } from './commit-effect.ts'
import { DedupStatus, DedupTableSchema, dedupKey } from './dedup-table-schema.ts'

/**
 * How long a completed record is kept: 14 days, SQS's longest message retention, so a message
 * redriven from a DLQ at the last moment is still recognised as a duplicate.
 */
export const DEFAULT_DEDUP_RETENTION_SECONDS = 14 * 24 * 60 * 60

/** Options of {@link DynamoDBDedupStore}. */
export interface DynamoDBDedupStoreOptions {
  client: DynamoDBDocumentClient
  tableName: string
  /** Seconds a completed record is kept (default {@link DEFAULT_DEDUP_RETENTION_SECONDS}). */
  retentionSeconds?: number
  /** Clock in epoch ms (tests). */
  now?: () => number
}

const { partitionKey, ttlAttribute, statusAttribute, inProgressExpiryAttribute } = DedupTableSchema

/**
 * DynamoDB adapter of {@link DedupStore}. Written here rather than with @aws-lambda-powertools/idempotency
 * (not a dependency) but to the same design: a conditional put of an in-progress marker that also
 * takes over expired records and abandoned markers, a completed record on success, a delete on failure.
 */
export class DynamoDBDedupStore implements DedupStore {
  readonly #client: DynamoDBDocumentClient
  readonly #tableName: string
  readonly #retentionSeconds: number
  readonly #now: () => number

  constructor(options: DynamoDBDedupStoreOptions) {
    this.#client = options.client
    this.#tableName = options.tableName
    this.#retentionSeconds = options.retentionSeconds ?? DEFAULT_DEDUP_RETENTION_SECONDS
    this.#now = options.now ?? Date.now
  }

  async claim(key: DedupKey, inProgressUntilMs: number): Promise<ClaimOutcome> {
    const nowMs = this.#now()
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            [partitionKey]: dedupKey(key.consumer, key.eventId),
            [statusAttribute]: DedupStatus.InProgress,
            [inProgressExpiryAttribute]: inProgressUntilMs,
            // TTL also clears markers whose invocation died and whose event never came back.
            [ttlAttribute]: this.#expiresAt(nowMs),
          },
          // TTL deletion lags by up to days, so expired records are treated as absent here.
          ConditionExpression:
            'attribute_not_exists(#pk) OR #exp < :nowS OR (#status = :inProgress AND #ipExp < :nowMs)',
          ExpressionAttributeNames: {
            '#pk': partitionKey,
            '#exp': ttlAttribute,
            '#status': statusAttribute,
            '#ipExp': inProgressExpiryAttribute,
          },
          ExpressionAttributeValues: {
            ':nowS': Math.floor(nowMs / 1000),
            ':nowMs': nowMs,
            ':inProgress': DedupStatus.InProgress,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      return ClaimOutcome.Claimed
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw new DedupStoreError(`Cannot claim event ${key.eventId} for ${key.consumer}`, { cause: error })
      }
      const status = error.Item ? unmarshall(error.Item)[statusAttribute] : await this.#currentStatus(key)
      if (status === DedupStatus.Completed) return ClaimOutcome.Duplicate
      throw new EventInProgressError(key.consumer, key.eventId, { cause: error })
    }
  }

  async complete(key: DedupKey): Promise<void> {
    await this.#write(key, 'complete', () =>
      this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            [partitionKey]: dedupKey(key.consumer, key.eventId),
            [statusAttribute]: DedupStatus.Completed,
            [ttlAttribute]: this.#expiresAt(this.#now()),
          },
        }),
      ),
    )
  }

  async release(key: DedupKey): Promise<void> {
    await this.#write(key, 'release', () =>
      this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: { [partitionKey]: dedupKey(key.consumer, key.eventId) },
        }),
      ),
    )
  }

  commit(key: DedupKey, effect: Effect, options: { reprocess: boolean }): Promise<ClaimOutcome> {
    const nowMs = this.#now()
    const target = {
      client: this.#client,
      tableName: this.#tableName,
      nowMs,
      expiresAt: this.#expiresAt(nowMs),
    }
    return commitEffect(target, key, effect, options.reprocess)
  }

  /** Status of the current record; only used when the engine does not return the old item (dynalite). */
  async #currentStatus(key: DedupKey): Promise<unknown> {
    try {
      const { Item } = await this.#client.send(
        new GetCommand({
          TableName: this.#tableName,
          Key: { [partitionKey]: dedupKey(key.consumer, key.eventId) },
          ConsistentRead: true,
        }),
      )
      return Item?.[statusAttribute]
    } catch (error) {
      throw new DedupStoreError(`Cannot read the dedup record of ${key.eventId} for ${key.consumer}`, {
        cause: error,
      })
    }
  }

  async #write(key: DedupKey, action: string, send: () => Promise<unknown>): Promise<void> {
    try {
      await send()
    } catch (error) {
      throw new DedupStoreError(`Cannot ${action} event ${key.eventId} for ${key.consumer}`, { cause: error })
    }
  }

  #expiresAt(nowMs: number): number {
    return Math.floor(nowMs / 1000) + this.#retentionSeconds
  }
}
