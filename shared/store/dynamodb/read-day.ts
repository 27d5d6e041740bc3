/**
 * One day of the time index, read as one ordered sequence: every partition of the day (its shards,
 * and the day-only key of items written before sharding) is queried from the same position and
 * the results merged by sort key, which is unique and ordered by time, stream and version. Each
 * partition is asked for its share of the page, so a page of N events reads about N items, not N
 * per shard.
 */
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb'
import { EventsTableSchema } from '../table-schema.ts'
import type { StoredEvent } from '../types.ts'
import { MAX_READ_LIMIT } from '../types.ts'
import type { StoreContext } from './context.ts'
import { fromEventItem } from './items.ts'
import { storeError } from './sdk-errors.ts'
import type { TimeCursor } from './time-cursor.ts'
import { shardBucket } from './time-index.ts'

/** The bounds of a day's read: `from`/`to` as in `TimeRange` (from inclusive, to exclusive). */
export interface DayBounds {
  from: string
  to: string
  types: string[] | undefined
}

/** What a day's read returned: events with their sort keys, and whether the day is exhausted. */
export interface DayRead {
  events: Array<{ event: StoredEvent; key: string }>
  done: boolean
  /** The partitions as the read left them: what they hold beyond the last event returned. */
  parts: Partition[]
}

/** One partition of the day being merged: items read and not yet returned, and where to go on. */
export interface Partition {
  readonly bucket: string
  readonly items: ReadonlyArray<{ event: StoredEvent; key: string }>
  readonly next: number
  readonly startKey: Record<string, unknown> | undefined
  readonly done: boolean
  /** Items asked of the next query: grows on every refill, so a busy shard needs few queries. */
  readonly size: number
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The partition keys of `cursor.day` under the cursor's layout. */
export function partitionsOf(cursor: TimeCursor): string[] {
  const shards = Array.from({ length: cursor.shards }, (_, i) => shardBucket(cursor.day, i))
  return cursor.day <= cursor.legacyUntil ? [...shards, cursor.day] : shards
}

/**
 * Up to `want` events of the day after `cursor.after`, in sort key order. `resume` are the
 * partitions a previous read left at exactly this cursor (`read-ahead.ts`); without them every
 * partition is queried afresh.
 */
export async function readDay(
  ctx: StoreContext,
  cursor: TimeCursor,
  bounds: DayBounds,
  want: number,
  resume?: readonly Partition[],
): Promise<DayRead> {
  // Each shard is first asked for its share of the page plus slack for uneven shards; the
  // day-only key of pre-sharding items may hold the whole page.
  const share = Math.min(MAX_READ_LIMIT, Math.ceil((want * 1.25) / Math.max(1, cursor.shards)) + 5)
  const parts: Array<Mutable<Partition>> = resume
    ? resume.map((p) => ({ ...p }))
    : partitionsOf(cursor).map((bucket) => ({
        bucket,
        items: [],
        next: 0,
        startKey: undefined,
        done: false,
        size: bucket === cursor.day ? want : share,
      }))
  const events: DayRead['events'] = []
  while (events.length < want) {
    if (parts.some((p) => p.next === p.items.length && !p.done)) {
      // A partition ran dry: refill it, and in the same parallel round every partition about to,
      // so a long read takes few sequential round trips rather than one per shard.
      const low = parts.filter((p) => !p.done && p.items.length - p.next < p.size / 8)
      await Promise.all(low.map((p) => refill(ctx, p, cursor.after, bounds)))
      continue
    }
    let min: Mutable<Partition> | undefined
    for (const p of parts) {
      const head = p.items[p.next]
      if (head && (!min || head.key < (min.items[min.next]?.key ?? ''))) min = p
    }
    if (!min) return { events, done: true, parts }
    events.push(min.items[min.next++] as DayRead['events'][number])
  }
  return { events, done: parts.every((p) => p.done && p.next === p.items.length), parts }
}

async function refill(
  ctx: StoreContext,
  p: Mutable<Partition>,
  after: string | undefined,
  bounds: DayBounds,
) {
  // Continuing a partition, its start key says where; a fresh one starts at the cursor.
  const out = await query(ctx, p, p.startKey ? bounds.from : (after ?? bounds.from), bounds)
  const index = EventsTableSchema.timeIndex
  // BETWEEN is inclusive: the event the cursor stands on was returned already.
  const read = (out.Items ?? [])
    .map((item) => ({ event: fromEventItem(item), key: String(item[index.sortKey]) }))
    .filter(({ key }) => key !== after)
  // What was not returned yet stays ahead of what this query read.
  p.items = [...p.items.slice(p.next), ...read]
  p.next = 0
  p.startKey = out.LastEvaluatedKey
  p.done = out.LastEvaluatedKey === undefined
  // Grows fast: what is read beyond a page is kept for the next (`read-ahead.ts`), not re-read.
  p.size = Math.min(MAX_READ_LIMIT, p.size * 4)
}

async function query(
  ctx: StoreContext,
  p: Partition,
  from: string,
  bounds: DayBounds,
): Promise<QueryCommandOutput> {
  const typeValues = Object.fromEntries((bounds.types ?? []).map((t, i) => [`:t${i}`, t]))
  const index = EventsTableSchema.timeIndex
  try {
    return await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index.name,
        // timeKey is `<time>#<stream>#<version>`: BETWEEN from AND to keeps from <= time < to.
        KeyConditionExpression: '#b = :bucket AND #k BETWEEN :from AND :to',
        FilterExpression: bounds.types ? `#type IN (${Object.keys(typeValues).join(', ')})` : undefined,
        ExpressionAttributeNames: {
          '#b': index.partitionKey,
          '#k': index.sortKey,
          ...(bounds.types ? { '#type': 'type' } : {}),
        },
        ExpressionAttributeValues: { ':bucket': p.bucket, ':from': from, ':to': bounds.to, ...typeValues },
        // Limit counts items before the type filter; a selective filter just takes more refills.
        Limit: p.size,
        ExclusiveStartKey: p.startKey,
      }),
    )
  } catch (error) {
    throw storeError(error)
  }
}
