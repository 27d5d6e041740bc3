import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs'

/** A received message to remove from its queue. */
export interface Receipt {
  messageId: string
  receiptHandle: string
}

/** A message the queue refused to delete, e.g. because its receipt handle expired meanwhile. */
export interface DeleteFailure {
  messageId: string
  reason: string
}

/** SQS takes at most 10 entries per DeleteMessageBatch. */
const SQS_BATCH_LIMIT = 10

/**
 * Deletes messages in batches of 10 and returns those that could not be deleted; never throws.
 * A message left undeleted comes back after its visibility timeout, as on AWS.
 */
export async function deleteMessages(
  sqs: SQSClient,
  queueUrl: string,
  receipts: readonly Receipt[],
): Promise<DeleteFailure[]> {
  const failures: DeleteFailure[] = []
  for (let start = 0; start < receipts.length; start += SQS_BATCH_LIMIT) {
    const chunk = receipts.slice(start, start + SQS_BATCH_LIMIT)
    try {
      const { Failed = [] } = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          // Entry ids only need to be unique in the request; the index avoids any id-format rule.
          Entries: chunk.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      )
      for (const entry of Failed) {
        const receipt = chunk[Number(entry.Id)]
        failures.push({
          messageId: receipt?.messageId ?? `entry ${entry.Id}`,
          reason: entry.Message ?? entry.Code ?? 'unknown',
        })
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      for (const r of chunk) failures.push({ messageId: r.messageId, reason })
    }
  }
  return failures
}
