import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs'
import type { ConsumerQueues, SqsSend } from '../../shared/redrive/types.ts'

async function resolveQueue(sqs: SqsSend, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }))
  if (!QueueUrl) throw new Error(`GetQueueUrl returned no URL for ${name}`)
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  )
  const arn = Attributes?.QueueArn
  if (!arn) throw new Error(`GetQueueAttributes returned no QueueArn for ${name}`)
  return { url: QueueUrl, arn }
}

/**
 * Looks up a consumer's queue and DLQ by name (the local stack names them `<consumer>` and
 * `<consumer>-dlq`; FIFO ones end in `.fifo`). SQS errors, e.g. a missing queue, are thrown as is.
 */
export async function resolveConsumerQueues(
  sqs: SqsSend,
  names: { queue: string; dlq: string },
): Promise<ConsumerQueues> {
  const [queue, dlq] = await Promise.all([resolveQueue(sqs, names.queue), resolveQueue(sqs, names.dlq)])
  return { queueUrl: queue.url, queueArn: queue.arn, dlqUrl: dlq.url, dlqArn: dlq.arn }
}

/** Queue and DLQ names of a consumer, as the topology and the local stack name them. */
export function consumerQueueNames(consumer: string, fifo: boolean): { queue: string; dlq: string } {
  const suffix = fifo ? '.fifo' : ''
  return { queue: `${consumer}${suffix}`, dlq: `${consumer}-dlq${suffix}` }
}
