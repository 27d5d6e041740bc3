import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns'
import type { OutboundEnvelope, SendOptions, SendResult, TopicPublisher } from '../ports.ts'
import { type BatchEntry, sendInBatches } from '../send-in-batches.ts'

const toSnsEntry = (entry: BatchEntry) => ({
  Id: entry.Id,
  Message: entry.body,
  MessageAttributes: entry.attributes,
  ...entry.fifo,
})

/**
 * {@link TopicPublisher} over SNS PublishBatch.
 *
 * @example
 * const publisher = new SnsTopicPublisher(snsClient)
 * const { failed } = await publisher.publishBatch(topicArn, envelopes)
 */
export class SnsTopicPublisher implements TopicPublisher {
  readonly #client: SNSClient

  constructor(client: SNSClient) {
    this.#client = client
  }

  publishBatch(
    topicArn: string,
    envelopes: readonly OutboundEnvelope[],
    options?: SendOptions,
  ): Promise<SendResult> {
    return sendInBatches(
      topicArn,
      envelopes,
      async (entries) => {
        const out = await this.#client.send(
          new PublishBatchCommand({
            TopicArn: topicArn,
            PublishBatchRequestEntries: entries.map(toSnsEntry),
          }),
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
