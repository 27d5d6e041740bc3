/**
 * A consumer's queue and dead-letter queue, subscribed to its topic. Both queues share one
 * customer-managed key; subscribing lets `sns.amazonaws.com` use it for deliveries from this topic
 * only, which covers the DLQ as well (SNS writes there when it cannot deliver to the queue).
 *
 * Two paths lead to the DLQ: SQS moves a message there after `maxReceiveCount` receives (the queue's
 * redrive policy), and SNS sends there what it could not deliver at all (the subscription's).
 */
import { Key } from 'aws-cdk-lib/aws-kms'
import { SubscriptionFilter, type Topic } from 'aws-cdk-lib/aws-sns'
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions'
import { Queue } from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'
import type { ConsumerDeclaration, FilterPolicy } from '../../shared/topology/declaration.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { deadLetterQueueDefaults, queueDefaults, visibilityTimeoutFor } from '../defaults/sqs-defaults.ts'

/** Properties of {@link ConsumerQueues}. */
export interface ConsumerQueuesProps {
  /** The consumer's declaration. */
  readonly consumer: ConsumerDeclaration
  /** The topic it subscribes to. */
  readonly topic: Topic
}

/** Queue + DLQ + subscription of one consumer. */
export class ConsumerQueues extends Construct {
  /** Encrypts the queue and the DLQ. */
  readonly encryptionKey: Key
  readonly queue: Queue
  readonly deadLetterQueue: Queue

  constructor(scope: Construct, id: string, props: ConsumerQueuesProps) {
    super(scope, id)
    const { consumer, topic } = props
    const fifo = topic.fifo ? { fifo: true, contentBasedDeduplication: false } : {}
    this.encryptionKey = new Key(this, 'Key', {
      ...keyDefaults,
      description: `Encrypts the queue and DLQ of consumer ${consumer.name}`,
    })
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...deadLetterQueueDefaults,
      ...fifo,
      encryptionMasterKey: this.encryptionKey,
    })
    this.queue = new Queue(this, 'Queue', {
      ...queueDefaults,
      ...fifo,
      encryptionMasterKey: this.encryptionKey,
      visibilityTimeout: visibilityTimeoutFor(consumer.timeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: consumer.maxReceiveCount },
    })
    topic.addSubscription(
      new SqsSubscription(this.queue, {
        // The consumer middleware reads the CloudEvents envelope as the body, not an SNS notification.
        rawMessageDelivery: true,
        ...(consumer.filterPolicy ? { filterPolicy: subscriptionFilters(consumer.filterPolicy) } : {}),
        deadLetterQueue: this.deadLetterQueue,
      }),
    )
  }
}

/**
 * The declared filter policy (SNS's own JSON syntax) as CDK filters. `SubscriptionFilter` takes the
 * raw conditions, so the policy reaches the template exactly as declared.
 */
function subscriptionFilters(policy: FilterPolicy): Record<string, SubscriptionFilter> {
  return Object.fromEntries(
    Object.entries(policy).map(([attribute, conditions]) => [
      attribute,
      new SubscriptionFilter([...conditions]),
    ]),
  )
}
