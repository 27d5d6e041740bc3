import { fifoIds, isFifo, messageAttributes, messageSize, type StringAttribute } from './attributes.ts'
import { chunkBySize } from './chunk.ts'
import { ChannelFailureCode, ChannelLimits } from './limits.ts'
import type { FailedEntry, OutboundEnvelope, SendOptions, SendResult } from './ports.ts'

/** One batch entry, in the shape SNS PublishBatch and SQS SendMessageBatch both accept. */
export interface BatchEntry {
  /** The envelope's position in the input: unique per call and within AWS's `[A-Za-z0-9_-]{1,80}`. */
  Id: string
  body: string
  attributes: Record<string, StringAttribute>
  fifo?: { MessageGroupId: string; MessageDeduplicationId: string }
}

/** What one batch call reported: ids of accepted entries, and the failed ones with their AWS codes. */
export interface BatchCallResult {
  successfulIds: readonly string[]
  failed: ReadonlyArray<{ Id?: string | undefined; Code?: string | undefined; Message?: string | undefined }>
}

/** Sends one chunk (≤ 10 entries, ≤ 256 KiB) to the service. */
export type SendChunk = (entries: BatchEntry[]) => Promise<BatchCallResult>

const prepare = (envelope: OutboundEnvelope, index: number, fifo: boolean, scope?: string): BatchEntry => ({
  Id: String(index),
  body: JSON.stringify(envelope),
  attributes: messageAttributes(envelope),
  ...(fifo ? { fifo: fifoIds(envelope, scope) } : {}),
})

const errorCode = (error: unknown): string => {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown }
  if (typeof code === 'string') return code
  return typeof name === 'string' ? name : 'Error'
}

/**
 * Sends envelopes chunk by chunk, in order, and checks every entry's result. Never throws for a
 * service error: a call that throws fails its chunk, and the chunks after it are not attempted
 * (a thrown call means the endpoint or target is unusable; more calls would only wait out retries).
 */
export async function sendInBatches(
  target: string,
  envelopes: readonly OutboundEnvelope[],
  sendChunk: SendChunk,
  options: SendOptions = {},
): Promise<SendResult> {
  const fifo = isFifo(target)
  const entries = envelopes.map((envelope, index) =>
    prepare(envelope, index, fifo, options.deduplicationScope),
  )
  const sizes = entries.map((entry) => messageSize(entry.body, entry.attributes))
  const limits = { maxEntries: ChannelLimits.maxBatchEntries, maxBytes: ChannelLimits.maxBatchBytes }
  const { chunks, oversize } = chunkBySize(sizes, limits)
  const failed = new Map<number, Omit<FailedEntry, 'id' | 'index'>>()
  for (const index of oversize) {
    const message = `Message is ${sizes[index]} bytes with its attributes; the limit is ${limits.maxBytes}`
    failed.set(index, { code: ChannelFailureCode.MessageTooLarge, message })
  }
  let thrown: { code: string; message: string } | undefined
  for (const chunk of chunks) {
    if (thrown) {
      const message = `Not sent: an earlier call failed with ${thrown.code}`
      for (const index of chunk) failed.set(index, { code: ChannelFailureCode.NotAttempted, message })
      continue
    }
    const chunkEntries = chunk.map((index) => entries[index] as BatchEntry)
    try {
      const result = await sendChunk(chunkEntries)
      for (const [index, failure] of checkEntries(chunk, result)) failed.set(index, failure)
    } catch (error) {
      thrown = { code: errorCode(error), message: error instanceof Error ? error.message : String(error) }
      for (const index of chunk) failed.set(index, thrown)
    }
  }
  const ordered = [...failed.entries()].sort(([a], [b]) => a - b)
  return {
    failed: ordered.map(([index, f]) => ({ id: (envelopes[index] as OutboundEnvelope).id, index, ...f })),
  }
}

/** Failures of one call by input position; an entry the answer does not mention counts as failed. */
function checkEntries(
  chunk: number[],
  result: BatchCallResult,
): Map<number, { code: string; message: string }> {
  const out = new Map<number, { code: string; message: string }>()
  const succeeded = new Set(result.successfulIds)
  const reported = new Map(result.failed.map((f) => [f.Id, f]))
  for (const index of chunk) {
    const id = String(index)
    const failure = reported.get(id)
    if (failure) {
      out.set(index, { code: failure.Code ?? 'Unknown', message: failure.Message ?? 'Entry failed' })
    } else if (!succeeded.has(id)) {
      out.set(index, {
        code: ChannelFailureCode.MissingResult,
        message: 'The service did not report this entry',
      })
    }
  }
  return out
}
