/** Polls one shard until it is closed or the mapping stops, invoking the function as batches fill. */
import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type _Record as SdkRecord,
} from '@aws-sdk/client-dynamodb-streams'
import { type DeliveryContext, deliverBatch } from './dynamodb-stream-delivery.ts'

const MIN_IDLE_PAUSE_MS = 50
// GetRecords returns at most 1000 records per call.
const MAX_PAGE = 1000

export interface ShardPoll {
  client: DynamoDBStreamsClient
  iterator: string | undefined
  delivery: DeliveryContext
  opts: { batchSize?: number; maximumBatchingWindowSeconds?: number; pollIntervalMs?: number }
  pause(ms: number): Promise<void>
  stats: { iteratorAgeMs: number }
}

const ageOf = (record: SdkRecord | undefined): number => {
  const created = record?.dynamodb?.ApproximateCreationDateTime
  return created ? Math.max(0, Date.now() - created.getTime()) : 0
}

export async function pollShard(poll: ShardPoll): Promise<void> {
  const batchSize = poll.opts.batchSize ?? 100
  const windowMs = (poll.opts.maximumBatchingWindowSeconds ?? 0) * 1000
  const maxIdle = poll.opts.pollIntervalMs ?? 200
  let iterator = poll.iterator
  let batch: SdkRecord[] = []
  let firstAt = 0
  let idle = MIN_IDLE_PAUSE_MS
  while (iterator && !poll.delivery.stopping()) {
    const limit = Math.min(MAX_PAGE, batchSize - batch.length)
    const page = await poll.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }))
    const records = page.Records ?? []
    if (batch.length === 0 && records.length > 0) firstAt = Date.now()
    batch.push(...records)
    iterator = page.NextShardIterator
    const due = batch.length >= batchSize || !iterator || Date.now() - firstAt >= windowMs
    if (batch.length > 0 && due) {
      poll.stats.iteratorAgeMs = ageOf(batch.at(-1))
      if (!(await deliverBatch(poll.delivery, batch))) return
      batch = []
    }
    if (records.length > 0) {
      idle = MIN_IDLE_PAUSE_MS
      continue
    }
    // Idle backoff: an idle stack should not spin on GetRecords.
    if (batch.length === 0) poll.stats.iteratorAgeMs = 0
    await poll.pause(idle)
    idle = Math.min(maxIdle, idle * 2)
  }
}
