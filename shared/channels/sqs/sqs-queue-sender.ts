import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type { OutboundEnvelope, QueueSender, SendOptions, SendResult } from '../ports.ts'
import { type BatchEntry, sendInBatches } from '../send-in-batches.ts'

const toSqsEntry = (entry: BatchEntry) => ({
  Id: entry.Id,
  MessageBody: entry.body,
  MessageAttributes: entry.attributes,
  ...entry.fifo,
})

/**
 * {@link QueueSender} over SQS SendMessageBatch.
 *
 * @example
 * const sender = new SqsQueueSender(sqsClient)
 * const { failed } = await sender.sendBatch(queueUrl, envelopes)
 */
export class SqsQueueSender implements QueueSender {
  readonly #client: SQSClient

  constructor(client: SQSClient) {
    this.#client = client
  }

  sendBatch(
    queueUrl: string,
    envelopes: readonly OutboundEnvelope[],
    options?: SendOptions,
  ): Promise<SendResult> {
    return sendInBatches(
      queueUrl,
      envelopes,
      async (entries) => {
        const out = await this.#client.send(
          new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries.map(toSqsEntry) }),
        )
        return {
          successfulIds: (out.Successful ?? []).flatMap((s) => (s.Id ? [s.Id] : [])),
          failed: out.Failed ?? [],
        }
      },
      options,
    )
  }
}
