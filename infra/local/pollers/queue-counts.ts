import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs'

/**
 * Approximate depth of a queue, as the runtime's status endpoint shows it: messages ready to receive
 * and messages received but neither deleted nor timed out yet.
 */
export async function queueCounts(
  sqs: SQSClient,
  queueUrl: string,
): Promise<{ visible: number; inFlight: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  )
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  }
}
