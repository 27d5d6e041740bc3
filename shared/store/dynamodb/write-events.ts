/**
 * The one write of an append: a conditional PutItem when it can be (one event, no guard: the
 * cheapest and fastest path, one write unit), otherwise one TransactWriteItems so events and guard
 * commit together or not at all.
 */
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { StoredEvent } from '../event-store.ts'
import type { IdempotencyGuard } from '../idempotency.ts'
import type { StoreContext } from './context.ts'
import { toEventItem, toGuardItem } from './items.ts'
import { classifyWriteError, type WriteFailure } from './sdk-errors.ts'

export type WriteOutcome =
  | { kind: 'written' }
  | { kind: 'versionTaken' }
  | { kind: 'guardTaken' }
  | { kind: 'unknownConflict' }
  | { kind: 'contention' }

const NEW_VERSION = 'attribute_not_exists(version)'
// An expired guard still in the table (TTL deletes lazily) may be overwritten.
const FREE_GUARD = 'attribute_not_exists(streamId) OR expiresAt < :now'

export async function writeEvents(
  ctx: StoreContext,
  events: StoredEvent[],
  guard: IdempotencyGuard | undefined,
  now: Date,
): Promise<WriteOutcome> {
  try {
    const [single] = events
    if (!guard && single && events.length === 1) {
      await ctx.client.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: toEventItem(single),
          ConditionExpression: NEW_VERSION,
        }),
      )
    } else {
      await ctx.client.send(
        new TransactWriteCommand({ TransactItems: transactItems(ctx, events, guard, now) }),
      )
    }
    return { kind: 'written' }
  } catch (error) {
    return outcomeOf(classifyWriteError(error), guard !== undefined)
  }
}

function transactItems(
  ctx: StoreContext,
  events: StoredEvent[],
  guard: IdempotencyGuard | undefined,
  now: Date,
) {
  const puts = events.map((e) => ({
    Put: { TableName: ctx.tableName, Item: toEventItem(e), ConditionExpression: NEW_VERSION },
  }))
  if (!guard) return puts
  // The guard goes first so its cancellation reason is at index 0.
  const guardPut = {
    Put: {
      TableName: ctx.tableName,
      Item: toGuardItem(guard),
      ConditionExpression: FREE_GUARD,
      ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
    },
  }
  return [guardPut, ...puts]
}

function outcomeOf(failure: WriteFailure, guarded: boolean): WriteOutcome {
  if (failure.kind === 'contention') return failure
  const { reasons } = failure
  if (reasons === undefined) return guarded ? { kind: 'unknownConflict' } : { kind: 'versionTaken' }
  if (guarded && reasons[0] === 'ConditionalCheckFailed') return { kind: 'guardTaken' }
  return { kind: 'versionTaken' }
}
