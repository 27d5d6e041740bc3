import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { ReadStreamOptions, ReadStreamResult, StoredEvent } from '../event-store.ts'
import { pageLimit, versionBound } from '../read-bounds.ts'
import { assertValidStreamId } from '../stream-id.ts'
import type { StoreContext } from './context.ts'
import { fromEventItem } from './items.ts'
import { storeError } from './sdk-errors.ts'

/** The stream's current version (0 when empty): one strongly consistent single-item Query. */
export async function readHead(ctx: StoreContext, streamId: string): Promise<number> {
  try {
    const out = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': streamId },
        ProjectionExpression: 'version',
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    )
    return Number(out.Items?.[0]?.version ?? 0)
  } catch (error) {
    throw storeError(error)
  }
}

/** One event by stream and version (strongly consistent), or undefined. */
export async function readEvent(ctx: StoreContext, streamId: string, version: number) {
  try {
    const out = await ctx.client.send(
      new GetCommand({ TableName: ctx.tableName, Key: { streamId, version }, ConsistentRead: true }),
    )
    return out.Item ? fromEventItem(out.Item) : undefined
  } catch (error) {
    throw storeError(error)
  }
}

/** Reads a stream in version order; fetches one extra event to know whether another page exists. */
export async function readStream(
  ctx: StoreContext,
  streamId: string,
  opts: ReadStreamOptions = {},
): Promise<ReadStreamResult> {
  assertValidStreamId(streamId)
  const limit = pageLimit(opts.limit)
  const from = Math.max(1, versionBound('fromVersion', opts.fromVersion, 1))
  const to = versionBound('toVersion', opts.toVersion, Number.MAX_SAFE_INTEGER)
  if (to < from) return { events: [] }
  const events: StoredEvent[] = []
  let startKey: Record<string, unknown> | undefined
  // A Query page stops at 1 MB, so a page may hold fewer than asked even when more follow.
  do {
    const out = await query(ctx, streamId, from, to, limit + 1 - events.length, startKey)
    events.push(...(out.Items ?? []).map(fromEventItem))
    startKey = out.LastEvaluatedKey
  } while (startKey && events.length <= limit)
  const page = events.slice(0, limit)
  const last = page.at(-1)
  return events.length > limit && last ? { events: page, nextVersion: last.version + 1 } : { events: page }
}

async function query(
  ctx: StoreContext,
  streamId: string,
  from: number,
  to: number,
  limit: number,
  startKey: Record<string, unknown> | undefined,
) {
  try {
    return await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: 'streamId = :s AND version BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':s': streamId, ':from': from, ':to': to },
        Limit: limit,
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    )
  } catch (error) {
    throw storeError(error)
  }
}
