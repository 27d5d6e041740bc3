/**
 * Delivers one batch with the retry rules of Lambda's stream event source mapping: in order; a
 * partial failure checkpoints before the first failed record and retries from it; a function error
 * retries the batch, halved first when bisecting (a split does not count as a retry); after
 * `maximumRetryAttempts` the remaining records go to the on-failure destination and are skipped.
 */
import { randomUUID } from 'node:crypto'
import type { _Record as SdkRecord } from '@aws-sdk/client-dynamodb-streams'
import { functionArn } from '../lambda/arn.ts'
import type { Invoke } from '../lambda/types.ts'
import { toLambdaRecord } from './dynamodb-stream-event.ts'
import { readOutcome } from './dynamodb-stream-outcome.ts'

/** What a batch delivery needs from the mapping. */
export interface DeliveryContext {
  invoke: Invoke
  functionName: string
  region: string
  streamArn: string
  shardId: string
  reportBatchItemFailures: boolean
  bisect: boolean
  /** -1 retries forever. */
  maximumRetryAttempts: number
  onFailure?: { send(record: unknown): Promise<void> }
  /** Records everything up to and including this sequence number as handled. */
  checkpoint(sequenceNumber: string): Promise<void>
  stopping(): boolean
  /** Resolves after `ms`, or early once the mapping stops. */
  pause(ms: number): Promise<void>
  counters: { delivered: number; failedBatches: number }
}

const seq = (r: SdkRecord): string => r.dynamodb?.SequenceNumber ?? ''
const retryPause = (attempt: number): number => Math.min(1000, 25 * 2 ** attempt)

async function invokeWith(ctx: DeliveryContext, records: SdkRecord[]) {
  const event = { Records: records.map((r) => toLambdaRecord(r, ctx.streamArn)) }
  try {
    const result = await ctx.invoke(ctx.functionName, event)
    return readOutcome(result, records.map(seq), ctx.reportBatchItemFailures)
  } catch {
    // The Invoke contract never throws; a host failure counts as a function error all the same.
    return { kind: 'error' as const, errorType: 'InvokeFailed' }
  }
}

async function succeeded(ctx: DeliveryContext, records: SdkRecord[]): Promise<void> {
  const last = records.at(-1)
  if (!last) return
  await ctx.checkpoint(seq(last))
  ctx.counters.delivered += records.length
}

/** Lambda's invocation record for a stream batch whose retries ran out. */
export function failureRecord(ctx: DeliveryContext, records: SdkRecord[], invokeCount: number): unknown {
  const arrival = (r: SdkRecord | undefined) => r?.dynamodb?.ApproximateCreationDateTime?.toISOString()
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: functionArn(ctx.region, ctx.functionName),
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: invokeCount,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: ctx.shardId,
      startSequenceNumber: seq(records[0] as SdkRecord),
      endSequenceNumber: seq(records.at(-1) as SdkRecord),
      approximateArrivalOfFirstRecord: arrival(records[0]),
      approximateArrivalOfLastRecord: arrival(records.at(-1)),
      batchSize: records.length,
      streamArn: ctx.streamArn,
    },
  }
}

/** Sends to the on-failure destination, retrying until it accepts (nothing is skipped unrecorded). */
async function discard(ctx: DeliveryContext, records: SdkRecord[], invokeCount: number): Promise<boolean> {
  const record = failureRecord(ctx, records, invokeCount)
  for (let attempt = 0; ctx.onFailure; attempt++) {
    if (ctx.stopping()) return false
    try {
      await ctx.onFailure.send(record)
      break
    } catch {
      await ctx.pause(retryPause(attempt))
    }
  }
  const last = records.at(-1)
  if (last) await ctx.checkpoint(seq(last))
  ctx.counters.failedBatches++
  return true
}

/**
 * Delivers `records` until they are handled or discarded. Resolves false when the mapping stopped
 * first (the unhandled records are then delivered again after a restart).
 */
export async function deliverBatch(
  ctx: DeliveryContext,
  records: SdkRecord[],
  retriesSoFar = 0,
): Promise<boolean> {
  let pending = records
  let retries = retriesSoFar
  while (pending.length > 0) {
    if (ctx.stopping()) return false
    const outcome = await invokeWith(ctx, pending)
    if (outcome.kind === 'success') {
      await succeeded(ctx, pending)
      return true
    }
    if (outcome.kind === 'partial') {
      await succeeded(ctx, pending.slice(0, outcome.from))
      pending = pending.slice(outcome.from)
    } else if (ctx.bisect && pending.length > 1) {
      const half = Math.ceil(pending.length / 2)
      if (!(await deliverBatch(ctx, pending.slice(0, half), retries))) return false
      return deliverBatch(ctx, pending.slice(half), retries)
    }
    retries++
    if (ctx.maximumRetryAttempts >= 0 && retries > ctx.maximumRetryAttempts) {
      return discard(ctx, pending, retries)
    }
    await ctx.pause(retryPause(retries))
  }
  return true
}
