/**
 * The local DynamoDB stream event source mapping: reads a table's stream through the real
 * DynamoDBStreamsClient and invokes a function with batches, with Lambda's semantics (in order per
 * shard, batch size and window, partial batch responses, bisect, bounded retries, on-failure
 * destination) and a checkpoint file so a restart neither loses nor re-delivers handled records.
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { LOCAL_REGION, localClientConfig } from '../clients.ts'
import type { Invoke } from '../lambda/types.ts'
import { type Checkpoint, readCheckpoint, writeCheckpoint } from './dynamodb-stream-checkpoint.ts'
import type { DeliveryContext } from './dynamodb-stream-delivery.ts'
import { pollShard } from './dynamodb-stream-poll.ts'
import { createPauser, firstIterator, resolveShards } from './dynamodb-stream-shards.ts'

/** Settings of a local DynamoDB stream mapping, named as in Lambda's CreateEventSourceMapping. */
export interface DynamoDBStreamEventSourceOptions {
  /** The engine's endpoint (`startDynamoDB().endpoint`). */
  endpoint: string
  tableName: string
  functionName: string
  invoke: Invoke
  /** Records per invocation, 1–10000; default 100. */
  batchSize?: number
  /** Seconds to keep gathering records before invoking, 0–300; default 0. */
  maximumBatchingWindowSeconds?: number
  /** Where to start without a checkpoint; default TRIM_HORIZON, so no record is ever skipped. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST'
  reportBatchItemFailures?: boolean
  bisectBatchOnFunctionError?: boolean
  /** Retries of a failing batch before it goes to `onFailure`; -1 (the default) retries forever. */
  maximumRetryAttempts?: number
  /** On-failure destination: receives Lambda's invocation record (`DDBStreamBatchInfo`). */
  onFailure?: { send(record: unknown): Promise<void> }
  /** File holding the last handled sequence number; without it progress is kept in memory only. */
  checkpointFile?: string
  /** Longest pause between empty polls; default 200 ms. */
  pollIntervalMs?: number
  region?: string
}

/** Counters since start. `iteratorAgeMs`: age of the last record handed to the function (0 when caught up). */
export interface DynamoDBStreamEventSourceStats {
  delivered: number
  failedBatches: number
  iteratorAgeMs: number
}

/** A running mapping. */
export interface DynamoDBStreamEventSource {
  /** Stops polling; resolves once the batch in flight is settled. */
  stop(): Promise<void>
  stats(): DynamoDBStreamEventSourceStats
}

/**
 * Starts the mapping.
 *
 * @example
 * const mapping = startDynamoDBStreamEventSource({ endpoint, tableName: 'events', functionName: 'relay', invoke,
 *   reportBatchItemFailures: true, bisectBatchOnFunctionError: true, maximumRetryAttempts: 3, checkpointFile })
 * await mapping.stop()
 */
export function startDynamoDBStreamEventSource(
  opts: DynamoDBStreamEventSourceOptions,
): DynamoDBStreamEventSource {
  const region = opts.region ?? LOCAL_REGION
  const client = new DynamoDBStreamsClient(localClientConfig(opts.endpoint, region))
  const pauser = createPauser()
  const stats: DynamoDBStreamEventSourceStats = { delivered: 0, failedBatches: 0, iteratorAgeMs: 0 }
  let stopped = false
  let checkpoint: Checkpoint | undefined
  const idleMs = opts.pollIntervalMs ?? 200

  const deliveryFor = (shard: { streamArn: string; shardId: string }): DeliveryContext => ({
    invoke: opts.invoke,
    functionName: opts.functionName,
    region,
    ...shard,
    reportBatchItemFailures: opts.reportBatchItemFailures ?? false,
    bisect: opts.bisectBatchOnFunctionError ?? false,
    maximumRetryAttempts: opts.maximumRetryAttempts ?? -1,
    ...(opts.onFailure ? { onFailure: opts.onFailure } : {}),
    checkpoint: async (sequenceNumber) => {
      const next = { ...shard, sequenceNumber }
      await writeCheckpoint(opts.checkpointFile, next)
      checkpoint = next
    },
    stopping: () => stopped,
    pause: pauser.pause,
    counters: stats,
  })

  const run = async (): Promise<void> => {
    let failures = 0
    checkpoint = await readCheckpoint(opts.checkpointFile).catch(() => undefined)
    while (!stopped) {
      try {
        for (const shard of await resolveShards(client, opts.tableName, checkpoint)) {
          if (stopped) break
          const iterator = await firstIterator(
            client,
            shard,
            checkpoint,
            opts.startingPosition ?? 'TRIM_HORIZON',
          )
          await pollShard({
            client,
            iterator,
            delivery: deliveryFor(shard),
            opts,
            pause: pauser.pause,
            stats,
          })
        }
        failures = 0
        // Reached only when there is no stream yet or every shard is closed and read.
        await pauser.pause(idleMs)
      } catch {
        // The engine may be restarting or the iterator expired: resolve again from the checkpoint.
        failures++
        await pauser.pause(Math.min(2000, 50 * 2 ** failures))
      }
    }
  }
  const running = run()

  return {
    async stop() {
      stopped = true
      pauser.wake()
      await running
      client.destroy()
    },
    stats: () => ({ ...stats }),
  }
}
