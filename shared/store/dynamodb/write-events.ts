/**
 * The one write of an append: a conditional PutItem when it can be (one event, no guard, no marker
 * update: the cheapest and fastest path, one write unit), otherwise one TransactWriteItems so
 * events, guard and history marker commit together or not at all. When the caller expects a version
 * (`requirePrevious`), a transaction checks that version is stored in the same call (a
 * ConditionCheck: a round trip less than reading the head first, for 2 write units instead of the
 * Query's 1 read unit); the PutItem path reads the head first instead, which keeps a one-event append
 * at 1 write unit rather than a transaction's 4 (each transaction action is billed as two).
 */
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { WriteConflict, WriteConflictError } from '../errors.ts'
import type { GuardWrite, WriteOptions } from '../event-storage.ts'
import type { StoredEvent } from '../types.ts'
import type { StoreContext } from './context.ts'
import { markerPut } from './history-marker.ts'
import type { HistoryRecorder, MarkerWrite } from './history-recorder.ts'
import { toEventItem, toGuardItem } from './items.ts'
import { readHead } from './read-stream.ts'
import { classifyWriteError, type WriteFailure } from './sdk-errors.ts'
import { dayOf } from './time-index.ts'

const NEW_VERSION = 'attribute_not_exists(version)'
const STORED_VERSION = 'attribute_exists(version)'
// An expired guard still in the table (TTL deletes lazily) may be overwritten.
const FREE_GUARD = 'attribute_not_exists(streamId) OR expiresAt < :now'
/** TransactWriteItems takes at most 100 actions. */
const MAX_TRANSACT_ACTIONS = 100
/** Re-reads of the marker after another writer changed it under us: each one means it moved on. */
const MARKER_ATTEMPTS = 3

/** What a write needs: the table, the shard count it writes with, and the history marker's writer. */
export interface WriteContext extends StoreContext {
  shards: number
  history: HistoryRecorder
}

/** Throws {@link WriteConflictError} when a condition fails or the write races a transaction. */
export async function writeEvents(
  ctx: WriteContext,
  events: StoredEvent[],
  guard: GuardWrite | undefined,
  opts: WriteOptions = {},
): Promise<void> {
  const firstDay = events.map((e) => dayOf(e.time)).sort()[0]
  if (firstDay === undefined) return
  for (let attempt = 1; ; attempt++) {
    const marker = await ctx.history.pending(firstDay)
    const putOnly = isPutOnly(events, guard, marker)
    // No room for the check in a full transaction (99 events and a guard): it reads the head first too.
    const checkInWrite = !putOnly && events.length + (guard ? 1 : 0) < MAX_TRANSACT_ACTIONS
    if (opts.requirePrevious && !checkInWrite) await assertPreviousStored(ctx, events)
    try {
      await send(ctx, events, guard, marker, opts.requirePrevious === true && checkInWrite)
      if (marker) ctx.history.committed(marker)
      return
    } catch (error) {
      const failure = classifyWriteError(error)
      // The marker may be why it failed (the engine does not always say): read it again next time.
      if (marker && failure.kind === 'conditionFailed') ctx.history.stale()
      if (marker && markerOnly(failure) && attempt < MARKER_ATTEMPTS) continue
      throw new WriteConflictError(conflictOf(failure, guard !== undefined), { cause: error })
    }
  }
}

async function send(
  ctx: WriteContext,
  events: StoredEvent[],
  guard: GuardWrite | undefined,
  marker: MarkerWrite | undefined,
  checkPrevious: boolean,
): Promise<void> {
  const [single] = events
  if (single && isPutOnly(events, guard, marker)) {
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: toEventItem(single, ctx.shards),
        ConditionExpression: NEW_VERSION,
      }),
    )
    return
  }
  const items = transactItems(ctx, events, guard, checkPrevious)
  if (marker && items.length < MAX_TRANSACT_ACTIONS) {
    // Last, so the guard's cancellation reason stays at index 0.
    items.push(markerPut(ctx, marker.seen, marker.next))
  } else if (marker) {
    // A full transaction (99 events and a guard) has no room: the marker goes first on its own,
    // which is safe (a marker covering a day with no event yet only costs readers an empty query).
    await ctx.client.send(
      new TransactWriteCommand({ TransactItems: [markerPut(ctx, marker.seen, marker.next)] }),
    )
  }
  await ctx.client.send(new TransactWriteCommand({ TransactItems: items }))
}

/** One event, nothing else to commit with it: a conditional PutItem. */
function isPutOnly(events: StoredEvent[], guard: GuardWrite | undefined, marker: MarkerWrite | undefined) {
  return !guard && !marker && events.length === 1
}

/** Throws a `VersionTaken` conflict unless the stream's head is the version before `events`. */
async function assertPreviousStored(ctx: WriteContext, events: StoredEvent[]): Promise<void> {
  const first = events[0]
  if (!first || first.version === 1) return
  if ((await readHead(ctx, first.streamId)) !== first.version - 1) {
    throw new WriteConflictError(WriteConflict.VersionTaken)
  }
}

function transactItems(
  ctx: WriteContext,
  events: StoredEvent[],
  guard: GuardWrite | undefined,
  checkPrevious: boolean,
) {
  const puts: Array<Record<string, unknown>> = events.map((e) => ({
    Put: { TableName: ctx.tableName, Item: toEventItem(e, ctx.shards), ConditionExpression: NEW_VERSION },
  }))
  const first = events[0]
  if (checkPrevious && first && first.version > 1) {
    // Before the puts and after the guard: the guard's cancellation reason stays at index 0.
    puts.unshift({
      ConditionCheck: {
        TableName: ctx.tableName,
        Key: { streamId: first.streamId, version: first.version - 1 },
        ConditionExpression: STORED_VERSION,
      },
    })
  }
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

/** Only the marker's condition failed (the last action, or the only one of a marker-only write). */
function markerOnly(failure: WriteFailure): boolean {
  if (failure.kind !== 'conditionFailed' || failure.reasons === undefined) return false
  const last = failure.reasons.at(-1)
  return last === 'ConditionalCheckFailed' && failure.reasons.slice(0, -1).every((r) => r === 'None')
}

function conflictOf(failure: WriteFailure, guarded: boolean): WriteConflict {
  if (failure.kind === 'contention') return WriteConflict.Contention
  const { reasons } = failure
  if (reasons === undefined) return guarded ? WriteConflict.Unknown : WriteConflict.VersionTaken
  if (guarded && reasons[0] === 'ConditionalCheckFailed') return WriteConflict.GuardTaken
  return WriteConflict.VersionTaken
}
