/**
 * Builds the fan-out resources of a declaration on the embedded SNS/SQS, as the CDK stack builds
 * them on AWS: one topic per declaration; per consumer a DLQ, a queue redriving to it after
 * maxReceiveCount with a visibility timeout of 6× the function timeout, and a raw-delivery
 * subscription with the consumer's filter policy. Idempotent, so every start can call it against a
 * persisted data folder.
 */
import { CreateTopicCommand, type SNSClient, SubscribeCommand } from '@aws-sdk/client-sns'
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type {
  BackboneDeclaration,
  ConsumerDeclaration,
  TopicDeclaration,
} from '../../../shared/topology/declaration.ts'
import type { ConsumerQueues } from '../../../shared/topology/deployed.ts'
import { FAILED_MESSAGE_RETENTION_SECONDS, VISIBILITY_TIMEOUT_FACTOR } from '../../limits.ts'

export type { ConsumerQueues }

/** What the functions and pollers need to know about the fan-out resources. */
export interface FanoutResources {
  topicArns: Record<string, string>
  consumerQueues: Record<string, ConsumerQueues>
  /** The relay's on-failure destination (stream batches that exhausted their retries). */
  relayFailures: { queueUrl: string; queueArn: string }
}

const fifoName = (name: string, fifo: boolean) => (fifo ? `${name}.fifo` : name)

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string>) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))
  if (QueueUrl === undefined) throw new Error(`CreateQueue returned no URL for ${name}`)
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  )
  const arn = Attributes?.QueueArn
  if (arn === undefined) throw new Error(`GetQueueAttributes returned no QueueArn for ${name}`)
  return { url: QueueUrl, arn }
}

async function createTopic(sns: SNSClient, topic: TopicDeclaration): Promise<string> {
  const attributes = topic.fifo ? { FifoTopic: 'true', ContentBasedDeduplication: 'false' } : undefined
  const { TopicArn } = await sns.send(
    new CreateTopicCommand({ Name: fifoName(topic.name, topic.fifo), Attributes: attributes }),
  )
  if (TopicArn === undefined) throw new Error(`CreateTopic returned no ARN for ${topic.name}`)
  return TopicArn
}

async function createConsumerQueues(
  sqs: SQSClient,
  consumer: ConsumerDeclaration,
  fifo: boolean,
): Promise<ConsumerQueues> {
  const fifoAttributes: Record<string, string> = fifo ? { FifoQueue: 'true' } : {}
  const dlq = await createQueue(sqs, fifoName(`${consumer.name}-dlq`, fifo), {
    ...fifoAttributes,
    MessageRetentionPeriod: String(FAILED_MESSAGE_RETENTION_SECONDS),
  })
  const queue = await createQueue(sqs, fifoName(consumer.name, fifo), {
    ...fifoAttributes,
    VisibilityTimeout: String(consumer.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: dlq.arn,
      maxReceiveCount: consumer.maxReceiveCount,
    }),
  })
  return { queueUrl: queue.url, queueArn: queue.arn, dlqUrl: dlq.url, dlqArn: dlq.arn }
}

/** Creates (or finds) every topic, queue, DLQ and subscription `declaration` declares. */
export async function createFanoutResources(
  sns: SNSClient,
  sqs: SQSClient,
  declaration: Pick<BackboneDeclaration, 'topics' | 'consumers'>,
): Promise<FanoutResources> {
  const topicArns: Record<string, string> = {}
  for (const topic of declaration.topics) topicArns[topic.name] = await createTopic(sns, topic)
  const consumerQueues: Record<string, ConsumerQueues> = {}
  for (const consumer of declaration.consumers) {
    const topic = declaration.topics.find((t) => t.name === consumer.topic)
    const topicArn = topicArns[consumer.topic]
    if (topic === undefined || topicArn === undefined) {
      throw new Error(`consumer ${consumer.name} subscribes to unknown topic ${consumer.topic}`)
    }
    const queues = await createConsumerQueues(sqs, consumer, topic.fifo)
    consumerQueues[consumer.name] = queues
    const attributes: Record<string, string> = { RawMessageDelivery: 'true' }
    if (consumer.filterPolicy !== undefined) attributes.FilterPolicy = JSON.stringify(consumer.filterPolicy)
    // SNS returns the existing subscription when the same endpoint subscribes again with the same attributes.
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queues.queueArn,
        Attributes: attributes,
        ReturnSubscriptionArn: true,
      }),
    )
  }
  const failures = await createQueue(sqs, 'relay-failures', {
    MessageRetentionPeriod: String(FAILED_MESSAGE_RETENTION_SECONDS),
  })
  return { topicArns, consumerQueues, relayFailures: { queueUrl: failures.url, queueArn: failures.arn } }
}
