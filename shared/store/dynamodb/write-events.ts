/**
 * The one write of an append: a conditional PutItem when it can be (one event, no guard: the
 * cheapest and fastest path, one write unit), otherwise one TransactWriteItems so events and guard
 * commit together or not at all.
 */
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { WriteConflict, WriteConflictError } from '../errors.ts'
import type { GuardWrite } from '../event-storage.ts'
import type { StoredEvent } from '../types.ts'
import type { StoreContext } from './context.ts'
import { toEventItem, toGuardItem } from './items.ts'
import { classifyWriteError, type WriteFailure } from './sdk-errors.ts'

const NEW_VERSION = 'attribute_not_exists(version)'
// An expired guard still in the table (TTL deletes lazily) may be overwritten.
const FREE_GUARD = 'attribute_not_exists(streamId) OR expiresAt < :now'

/** Throws {@link WriteConflictError} when a condition fails or the write races a transaction. */
export async function writeEvents(
  ctx: StoreContext,
  events: StoredEvent[],
  guard: GuardWrite | undefined,
): Promise<void> {
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
      await ctx.client.send(new TransactWriteCommand({ TransactItems: transactItems(ctx, events, guard) }))
    }
  } catch (error) {
    throw new WriteConflictError(conflictOf(classifyWriteError(error), guard !== undefined), { cause: error })
  }
}

function transactItems(ctx: StoreContext, events: StoredEvent[], guard: GuardWrite | undefined) {
  const puts = events.map((e) => ({
    Put: { TableName: ctx.tableName, Item: toEventItem(e), ConditionExpression: NEW_VERSION },
  }))
  if (!guard) return puts
  // The guard goes first so its cancellation reason is at index 0.
  const guardPut = {
    Put: {
      TableName: ctx.tableName,
      Item: toGuardItem(guard.guard),
      ConditionExpression: FREE_GUARD,
      ExpressionAttributeValues: { ':now': guard.replacesExpiredBefore },
    },
  }
  return [guardPut, ...puts]
}

function conflictOf(failure: WriteFailure, guarded: boolean): WriteConflict {
  if (failure.kind === 'contention') return WriteConflict.Contention
  const { reasons } = failure
  if (reasons === undefined) return guarded ? WriteConflict.Unknown : WriteConflict.VersionTaken
  if (guarded && reasons[0] === 'ConditionalCheckFailed') return WriteConflict.GuardTaken
  return WriteConflict.VersionTaken
}
