/**
 * The history marker: one item beside the events recording where history begins and how the time
 * index is sharded, so readers know which days and which shard keys to query without a scan.
 * It is only ever written in the same transaction as events that it must cover (see
 * `history-recorder.ts`), so no stored event is outside it.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { EventStoreError } from '../../errors.ts'
import type { StoreContext } from './context.ts'
import { storeError } from './sdk-errors.ts'

/** Its key: the reserved `_` prefix keeps it out of every stream and the relay (`isStoreItem`). */
export const HISTORY_MARKER_KEY = { streamId: '_store#history', version: 0 } as const

export interface HistoryMarker {
  /** UTC day of the oldest event (a replay "from the beginning" starts here). */
  firstDay: string
  /** The most shards any writer has used: readers query shards 0..shards-1 of every day. */
  shards: number
  /**
   * Day of the first sharded write. Items of this day and earlier may hold the day-only key of the
   * time index from before sharding, so readers also query that key on those days. Absent when an
   * operator wrote the marker for an older table before any sharded write: every day may hold them.
   */
  shardedSince?: string
}

/** The marker that covers `seen` and a write on `day` by a writer with `shards`, or undefined if `seen` does. */
export function markerCovering(
  seen: HistoryMarker | undefined,
  day: string,
  shards: number,
): HistoryMarker | undefined {
  if (seen && seen.firstDay <= day && seen.shards >= shards && seen.shardedSince) return undefined
  return {
    firstDay: seen && seen.firstDay < day ? seen.firstDay : day,
    shards: Math.max(seen?.shards ?? 0, shards),
    shardedSince: seen?.shardedSince ?? day,
  }
}

/** The stored marker (strongly consistent), or undefined when none was written yet. */
export async function readHistoryMarker(ctx: StoreContext): Promise<HistoryMarker | undefined> {
  try {
    // A Query rather than GetItem: replay is granted Query only on the table.
    const out = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: 'streamId = :s AND version = :v',
        ExpressionAttributeValues: { ':s': HISTORY_MARKER_KEY.streamId, ':v': HISTORY_MARKER_KEY.version },
        ConsistentRead: true,
      }),
    )
    const item = out.Items?.[0]
    return item && fromMarkerItem(item)
  } catch (error) {
    throw storeError(error)
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function fromMarkerItem(item: Record<string, unknown>): HistoryMarker {
  const { firstDay, shards, shardedSince } = item
  const valid =
    typeof firstDay === 'string' &&
    DAY.test(firstDay) &&
    typeof shards === 'number' &&
    Number.isInteger(shards) &&
    shards >= 1 &&
    (shardedSince === undefined || (typeof shardedSince === 'string' && DAY.test(shardedSince)))
  if (!valid)
    throw new EventStoreError('the history marker item is malformed (firstDay, shards, shardedSince)')
  return shardedSince === undefined ? { firstDay, shards } : { firstDay, shards, shardedSince }
}

/**
 * The transaction action writing `next` over `seen` (optimistic: it fails if another writer changed
 * the marker since it was read).
 */
export function markerPut(ctx: StoreContext, seen: HistoryMarker | undefined, next: HistoryMarker) {
  const item = { ...HISTORY_MARKER_KEY, ...next }
  if (seen === undefined) {
    return {
      Put: { TableName: ctx.tableName, Item: item, ConditionExpression: 'attribute_not_exists(streamId)' },
    }
  }
  const sameSince =
    seen.shardedSince === undefined ? 'attribute_not_exists(shardedSince)' : 'shardedSince = :since'
  return {
    Put: {
      TableName: ctx.tableName,
      Item: item,
      ConditionExpression: `firstDay = :first AND shards = :shards AND ${sameSince}`,
      ExpressionAttributeValues: {
        ':first': seen.firstDay,
        ':shards': seen.shards,
        ...(seen.shardedSince === undefined ? {} : { ':since': seen.shardedSince }),
      },
    },
  }
}
