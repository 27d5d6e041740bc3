import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { VersionRange } from '../event-storage.ts'
import type { ReadStreamResult, StoredEvent } from '../types.ts'
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

/** Reads a stream in version order; fetches one extra event to know whether another page exists. */
export async function readStream(
  ctx: StoreContext,
  streamId: string,
  { from, to, limit }: VersionRange,
): Promise<ReadStreamResult> {
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
