/**
 * The keys of the `byTime` index. Its partition key is write-sharded, `<UTC day>#<shard>` with the
 * shard derived from the stream id: DynamoDB caps one partition near 1,000 write units a second and
 * a throttled index throttles the table's writes too, so a day's traffic must not share one key.
 * A stream always lands on the same shard, so its events stay in version order within one partition.
 */
import { versionToSequence } from '../../events/envelope.ts'

/** The UTC day (`YYYY-MM-DD`) of an ISO time. Also the whole partition key of items written before sharding. */
export function dayOf(time: string): string {
  return time.slice(0, 10)
}

/**
 * The shard of a stream among `shards`: FNV-1a (32 bit) of the stream id. Stable across processes
 * and releases (the readers find an item by it), cheap on the publish path, and spread evenly.
 */
export function shardOf(streamId: string, shards: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < streamId.length; i++) {
    hash ^= streamId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % shards
}

/** The index partition key of shard `shard` of `day`. */
export function shardBucket(day: string, shard: number): string {
  return `${day}#${shard}`
}

/** The `byTime` partition key of an event of `streamId` at `time`, among `shards` shards. */
export function timeBucketOf(time: string, streamId: string, shards: number): string {
  return shardBucket(dayOf(time), shardOf(streamId, shards))
}

/** The `byTime` sort key: unique and ordered by time, then stream, then version, across shards. */
export function timeKeyOf(time: string, streamId: string, version: number): string {
  return `${time}#${streamId}#${versionToSequence(version)}`
}
