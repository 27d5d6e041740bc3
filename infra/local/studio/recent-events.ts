/**
 * Recent events across all streams, newest first, from the events table's time index: today's (and,
 * early in the day, yesterday's) shards, each queried backwards and merged. Never a table scan.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { fromEventItem } from '../../../shared/store/dynamodb/items.ts'
import { dayOf, shardBucket } from '../../../shared/store/dynamodb/time-index.ts'
import { EventsTableSchema } from '../../../shared/store/table-schema.ts'
import type { StoredEvent } from '../../../shared/store/types.ts'
import type { StudioSources } from './sources.ts'

const DAY_MS = 86_400_000

async function newestOfBucket(doc: DynamoDBDocumentClient, table: string, bucket: string, limit: number) {
  const { timeIndex } = EventsTableSchema
  const out = await doc.send(
    new QueryCommand({
      TableName: table,
      IndexName: timeIndex.name,
      KeyConditionExpression: '#b = :b',
      ExpressionAttributeNames: { '#b': timeIndex.partitionKey },
      ExpressionAttributeValues: { ':b': bucket },
      ScanIndexForward: false,
      Limit: limit,
    }),
  )
  return (out.Items ?? []).map((item) => fromEventItem(item))
}

/** Up to `limit` events of the last day or so, newest first. */
export async function recentEvents(
  s: StudioSources,
  limit: number,
  now = Date.now(),
): Promise<StoredEvent[]> {
  const doc = DynamoDBDocumentClient.from(s.dynamodb)
  const days = [dayOf(new Date(now).toISOString()), dayOf(new Date(now - DAY_MS).toISOString())]
  const buckets = days.flatMap((day) =>
    Array.from({ length: s.timeIndexShards }, (_, i) => shardBucket(day, i)),
  )
  const pages = await Promise.all(buckets.map((b) => newestOfBucket(doc, s.tables.events, b, limit)))
  return pages
    .flat()
    .sort((a, b) => (a.time === b.time ? b.version - a.version : a.time < b.time ? 1 : -1))
    .slice(0, limit)
}

/** Recent streams: each stream of the recent events once, with its newest version and time. */
export function streamsOf(events: readonly StoredEvent[]) {
  const streams = new Map<string, { streamId: string; version: number; time: string; type: string }>()
  for (const e of events) {
    if (!streams.has(e.streamId))
      streams.set(e.streamId, { streamId: e.streamId, version: e.version, time: e.time, type: e.type })
  }
  return [...streams.values()]
}
