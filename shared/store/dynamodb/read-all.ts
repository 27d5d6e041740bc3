/**
 * Cross-stream reads by time (replay): the `byTime` index is queried one UTC day partition at a
 * time, so history is never scanned whole and each query stays within one partition.
 */
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb'
import type { TimeRange } from '../event-storage.ts'
import { EventsTableSchema } from '../table-schema.ts'
import type { ReadAllResult, StoredEvent } from '../types.ts'
import type { StoreContext } from './context.ts'
import { fromEventItem, timeBucketOf, timeKeyOf } from './items.ts'
import { storeError } from './sdk-errors.ts'
import { decodeTimeCursor, encodeTimeCursor, nextDay, type TimeCursor } from './time-cursor.ts'

/**
 * Days read per call at most: a long, sparse range returns a (possibly empty) page with a cursor
 * instead of holding a Lambda invocation for hundreds of empty queries.
 */
export const MAX_DAYS_PER_READ = 31

export async function readAll(ctx: StoreContext, range: TimeRange): Promise<ReadAllResult> {
  const { from, to, limit } = range
  // `to` is exclusive: the last day to read is the day of the instant just before it.
  const lastDay = timeBucketOf(new Date(Date.parse(to) - 1).toISOString())
  const start = range.cursor ? decodeTimeCursor(range.cursor) : { day: timeBucketOf(from) }
  let cursor: TimeCursor = start.day < timeBucketOf(from) ? { day: timeBucketOf(from) } : start
  const events: StoredEvent[] = []
  for (let days = 0; cursor.day <= lastDay && from < to; days++) {
    if (days === MAX_DAYS_PER_READ) return { events, cursor: encodeTimeCursor(cursor) }
    cursor = await readDay(ctx, cursor, range, events)
    if (events.length >= limit) return { events, cursor: encodeTimeCursor(cursor) }
  }
  return { events }
}

/**
 * Reads one day into `events` until the day ends or `limit` is reached. Returns where to continue:
 * after the last event taken (limit reached) or at the next day.
 */
async function readDay(ctx: StoreContext, cursor: TimeCursor, range: TimeRange, events: StoredEvent[]) {
  let startKey: Record<string, unknown> | undefined = cursor.after
  do {
    const out = await queryDay(ctx, cursor.day, range, range.limit - events.length, startKey)
    for (const item of out.Items ?? []) {
      const event = fromEventItem(item)
      events.push(event)
      // Limit counts items read before the filter, so a page may hold more matches than we need.
      if (events.length === range.limit) return { day: cursor.day, after: indexKey(event) }
    }
    startKey = out.LastEvaluatedKey
  } while (startKey)
  return { day: nextDay(cursor.day) }
}

function indexKey(e: StoredEvent): NonNullable<TimeCursor['after']> {
  return {
    streamId: e.streamId,
    version: e.version,
    timeBucket: timeBucketOf(e.time),
    timeKey: timeKeyOf(e.time, e.streamId, e.version),
  }
}

async function queryDay(
  ctx: StoreContext,
  day: string,
  range: TimeRange,
  remaining: number,
  startKey: Record<string, unknown> | undefined,
): Promise<QueryCommandOutput> {
  const typeValues = Object.fromEntries((range.types ?? []).map((t, i) => [`:t${i}`, t]))
  const index = EventsTableSchema.timeIndex
  try {
    return await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index.name,
        // timeKey is `<time>#<stream>#<version>`: BETWEEN from AND to keeps from <= time < to.
        KeyConditionExpression: '#b = :day AND #k BETWEEN :from AND :to',
        FilterExpression: range.types ? `#type IN (${Object.keys(typeValues).join(', ')})` : undefined,
        ExpressionAttributeNames: {
          '#b': index.partitionKey,
          '#k': index.sortKey,
          ...(range.types ? { '#type': 'type' } : {}),
        },
        ExpressionAttributeValues: { ':day': day, ':from': range.from, ':to': range.to, ...typeValues },
        // With a type filter, read full pages: Limit would count filtered-out items too.
        Limit: range.types ? undefined : remaining,
        ExclusiveStartKey: startKey,
      }),
    )
  } catch (error) {
    throw storeError(error)
  }
}
