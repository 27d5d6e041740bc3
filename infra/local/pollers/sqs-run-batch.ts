import type { Message, SQSClient } from '@aws-sdk/client-sqs'
import type { Invoke } from '../lambda/types.ts'
import { type BatchVerdict, readBatchResponse } from './sqs-batch-response.ts'
import { deleteMessages, type Receipt } from './sqs-delete.ts'
import { type SqsRecordSource, toSqsEvent } from './sqs-event.ts'

/** What a batch needs besides its messages. */
export interface BatchContext {
  sqs: SQSClient
  queueUrl: string
  functionName: string
  invoke: Invoke
  reportBatchItemFailures: boolean
  source: SqsRecordSource
  warn(message: string, details: Record<string, unknown>): void
}

/** Invokes the function and returns which of the batch's messages failed. */
async function invokeBatch(ctx: BatchContext, messages: readonly Message[]): Promise<BatchVerdict> {
  try {
    const event = toSqsEvent(messages, ctx.source)
    const outcome = await ctx.invoke(ctx.functionName, event)
    if (!outcome.ok) {
      const { errorType, errorMessage } = outcome.error
      return { kind: 'all-failed', reason: `${errorType}: ${errorMessage}` }
    }
    // Without ReportBatchItemFailures, Lambda ignores what the function returns: no error = all succeeded.
    if (!ctx.reportBatchItemFailures) return { kind: 'partial', failedIds: new Set() }
    const ids = new Set(event.Records.map((r) => r.messageId))
    return readBatchResponse(outcome.result, ids)
  } catch (error) {
    // Invoke promises never to throw; if something still does, the batch failed, the poller lives on.
    return { kind: 'all-failed', reason: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * One batch, settled as Lambda does: messages that succeeded are deleted; failed ones are left alone,
 * to come back after the visibility timeout and, past the queue's maxReceiveCount, to be moved to
 * its DLQ by the queue itself. Returns how many messages failed.
 */
export async function runBatch(ctx: BatchContext, messages: readonly Message[]): Promise<number> {
  const verdict = await invokeBatch(ctx, messages)
  if (verdict.kind === 'all-failed') {
    ctx.warn('batch failed; its messages return after the visibility timeout', {
      functionName: ctx.functionName,
      queueUrl: ctx.queueUrl,
      messages: messages.length,
      reason: verdict.reason,
    })
    return messages.length
  }
  const succeeded: Receipt[] = []
  for (const m of messages) {
    if (m.MessageId && m.ReceiptHandle && !verdict.failedIds.has(m.MessageId)) {
      succeeded.push({ messageId: m.MessageId, receiptHandle: m.ReceiptHandle })
    }
  }
  const deleteFailures = await deleteMessages(ctx.sqs, ctx.queueUrl, succeeded)
  if (deleteFailures.length > 0) {
    ctx.warn('could not delete processed messages; they will be delivered again', {
      queueUrl: ctx.queueUrl,
      failures: deleteFailures,
    })
  }
  return messages.length - succeeded.length
}
