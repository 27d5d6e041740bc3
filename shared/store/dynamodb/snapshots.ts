import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Snapshot } from '../snapshot.ts'
import type { StoreContext } from './context.ts'
import { fromSnapshotItem, snapshotPartition, toSnapshotItem } from './items.ts'
import { classifyWriteError, storeError } from './sdk-errors.ts'

/** The latest snapshot at or below `atOrBelow`: one Query, newest first, of a single item. */
export async function readSnapshot(
  ctx: StoreContext,
  streamId: string,
  reducerVersion: string,
  atOrBelow: number,
): Promise<Snapshot | undefined> {
  try {
    const out = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: 'streamId = :s AND version <= :v',
        ExpressionAttributeValues: { ':s': snapshotPartition(streamId, reducerVersion), ':v': atOrBelow },
        ScanIndexForward: false,
        Limit: 1,
        // A stale read only misses the newest snapshot: the fold then starts further back.
        ConsistentRead: false,
      }),
    )
    const item = out.Items?.[0]
    return item ? fromSnapshotItem(item) : undefined
  } catch (error) {
    throw storeError(error)
  }
}

/** Puts the snapshot unless its key is taken (a concurrent reader wrote the same state first). */
export async function writeSnapshot(ctx: StoreContext, snapshot: Snapshot): Promise<void> {
  try {
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: toSnapshotItem(snapshot),
        ConditionExpression: 'attribute_not_exists(streamId)',
      }),
    )
  } catch (error) {
    // Taken or raced: either way a snapshot of the same fold is (or is about to be) kept.
    classifyWriteError(error)
  }
}
