/** Finding the table's stream and shards, and where to start reading a shard. */

import { setTimeout as sleep } from 'node:timers/promises'
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams'
import type { Checkpoint } from './dynamodb-stream-checkpoint.ts'

/** One shard of one stream. */
export interface ShardRef {
  streamArn: string
  shardId: string
}

/**
 * The shards of the table's newest stream, in order, starting at the checkpointed one. Empty when
 * the table has no stream (yet).
 */
export async function resolveShards(
  client: DynamoDBStreamsClient,
  tableName: string,
  checkpoint: Checkpoint | undefined,
): Promise<ShardRef[]> {
  const { Streams = [] } = await client.send(new ListStreamsCommand({ TableName: tableName }))
  // Labels are creation timestamps: the greatest is the table's current stream.
  const latest = Streams.filter((s) => s.StreamArn && s.StreamLabel)
    .sort((a, b) => String(a.StreamLabel).localeCompare(String(b.StreamLabel)))
    .at(-1)
  if (!latest?.StreamArn) return []
  const streamArn = latest.StreamArn
  const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }))
  const shards = (StreamDescription?.Shards ?? []).flatMap((s) =>
    s.ShardId ? [{ streamArn, shardId: s.ShardId }] : [],
  )
  const resumeAt =
    checkpoint?.streamArn === streamArn ? shards.findIndex((s) => s.shardId === checkpoint.shardId) : -1
  return resumeAt > 0 ? shards.slice(resumeAt) : shards
}

/** An iterator just after the checkpoint, or at the starting position when there is none. */
export async function firstIterator(
  client: DynamoDBStreamsClient,
  shard: ShardRef,
  checkpoint: Checkpoint | undefined,
  startingPosition: 'TRIM_HORIZON' | 'LATEST',
): Promise<string | undefined> {
  const resume = checkpoint?.streamArn === shard.streamArn && checkpoint.shardId === shard.shardId
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({
      StreamArn: shard.streamArn,
      ShardId: shard.shardId,
      ...(resume
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint.sequenceNumber }
        : { ShardIteratorType: startingPosition }),
    }),
  )
  return ShardIterator
}

/** Interruptible pauses: `wake` ends the current and every later pause at once (used on stop). */
export interface Pauser {
  pause(ms: number): Promise<void>
  wake(): void
}

export function createPauser(): Pauser {
  const controller = new AbortController()
  return {
    pause: (ms) => sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined),
    wake: () => controller.abort(),
  }
}
