/**
 * Commits a transactional effect with its deduplication record: one TransactWriteItems per
 * alternative tried, the dedup record first so its cancellation reason is always at index 0.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb'
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { ClaimOutcome, type DedupKey } from '../dedup-store.ts'
import type { Effect, WriteAction } from '../effects.ts'
import { DedupStoreError, EffectConditionFailedError } from '../errors.ts'
import { DedupStatus, DedupTableSchema, dedupKey } from './dedup-table-schema.ts'

const { partitionKey, ttlAttribute, statusAttribute } = DedupTableSchema

/** Where the dedup records live and how long they are kept. */
export interface CommitTarget {
  client: DynamoDBDocumentClient
  tableName: string
  nowMs: number
  expiresAt: number
}

/**
 * The completed record. Its condition refuses only a live completed record: an in-progress marker
 * (left by claim/complete mode, or by a crashed invocation) or an expired record is overwritten.
 * With `reprocess` it is written unconditionally: the replay asked for the effect again.
 */
function dedupPut(target: CommitTarget, key: DedupKey, reprocess: boolean): WriteAction {
  const Item = {
    [partitionKey]: dedupKey(key.consumer, key.eventId),
    [statusAttribute]: DedupStatus.Completed,
    [ttlAttribute]: target.expiresAt,
  }
  if (reprocess) return { Put: { TableName: target.tableName, Item } }
  return {
    Put: {
      TableName: target.tableName,
      Item,
      ConditionExpression: 'attribute_not_exists(#pk) OR #status <> :completed OR #exp < :nowS',
      ExpressionAttributeNames: { '#pk': partitionKey, '#status': statusAttribute, '#exp': ttlAttribute },
      ExpressionAttributeValues: {
        ':completed': DedupStatus.Completed,
        ':nowS': Math.floor(target.nowMs / 1000),
      },
    },
  }
}

/** Commits the first alternative of `effect` whose conditions hold, with the dedup record. */
export async function commitEffect(
  target: CommitTarget,
  key: DedupKey,
  effect: Effect,
  reprocess: boolean,
): Promise<ClaimOutcome> {
  const dedup = dedupPut(target, key, reprocess)
  const refused: string[] = []
  for (const writes of effect) {
    try {
      await target.client.send(new TransactWriteCommand({ TransactItems: [dedup, ...writes] as never }))
      return ClaimOutcome.Claimed
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) {
        throw new DedupStoreError(`Cannot commit the effect of ${key.eventId} for ${key.consumer}`, {
          cause: error,
        })
      }
      const reasons = error.CancellationReasons ?? []
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return ClaimOutcome.Duplicate
      const failedConditions = reasons
        .slice(1)
        .flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []))
      // Only a failed condition of the effect moves on to the next alternative; a conflict with
      // another transaction or throttling is retried with the record.
      if (failedConditions.length === 0) {
        throw new DedupStoreError(`Cannot commit the effect of ${key.eventId} for ${key.consumer}`, {
          cause: error,
        })
      }
      refused.push(
        `alternative ${refused.length + 1}: condition of write ${failedConditions.join(', ')} failed`,
      )
    }
  }
  throw new EffectConditionFailedError(key.eventId, refused.join('; ') || 'the effect has no alternative')
}
