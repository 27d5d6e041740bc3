/**
 * One consumer of the topology: its queue, DLQ and subscription, its function, and the SQS event
 * source mapping between them, with exactly the permissions the consumer middleware uses.
 */
import { Duration } from 'aws-cdk-lib'
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources'
import type { Topic } from 'aws-cdk-lib/aws-sns'
import { Construct } from 'constructs'
import { POWERTOOLS_METRICS_NAMESPACE } from '../defaults/lambda-defaults.ts'
import { projectPath } from '../stacks/project-root.ts'
import type { ConsumerDeclaration } from '../topology.ts'
import { BackboneFunction } from './backbone-function.ts'
import { ConsumerQueues } from './consumer-queues.ts'
import type { ConsumerTables } from './consumer-tables.ts'
import { grantSendTo } from './messaging-access.ts'

/** Properties of {@link BackboneConsumer}. */
export interface BackboneConsumerProps {
  /** The consumer's declaration in `infra/topology.ts`. */
  readonly consumer: ConsumerDeclaration
  /** The topic it subscribes to. */
  readonly topic: Topic
  /** The dedup and read-model tables. */
  readonly tables: ConsumerTables
  /** CloudEvents `source` of this deployment (`EVENT_SOURCE`, read by the shared config of every function). */
  readonly eventSource: string
}

/** A consumer: queues + function + event source mapping. */
export class BackboneConsumer extends Construct {
  /** The consumer's declaration. */
  readonly declaration: ConsumerDeclaration
  readonly queues: ConsumerQueues
  readonly function: BackboneFunction

  constructor(scope: Construct, id: string, props: BackboneConsumerProps) {
    super(scope, id)
    const { consumer, tables } = props
    this.declaration = consumer
    this.queues = new ConsumerQueues(this, 'Queues', { consumer, topic: props.topic })
    this.function = new BackboneFunction(this, 'Handler', {
      entry: projectPath(consumer.entry),
      description: `Event Backbone consumer ${consumer.name}`,
      functionProps: {
        memorySize: consumer.memoryMb,
        timeout: Duration.seconds(consumer.timeoutSeconds),
        environment: {
          CONSUMER_NAME: consumer.name,
          DLQ_URL: this.queues.deadLetterQueue.queueUrl,
          DEDUP_TABLE_NAME: tables.dedupTable.tableName,
          READ_MODEL_TABLE_NAME: tables.readModelTable.tableName,
          EVENT_SOURCE: props.eventSource,
          POWERTOOLS_SERVICE_NAME: consumer.name,
          POWERTOOLS_METRICS_NAMESPACE,
        },
      },
    })
    this.function.function.addEventSource(
      new SqsEventSource(this.queues.queue, {
        batchSize: consumer.batchSize,
        // Lambda refuses any batching window on a FIFO queue, even 0 (validated in the topology).
        ...(props.topic.fifo
          ? {}
          : { maxBatchingWindow: Duration.seconds(consumer.maxBatchingWindowSeconds) }),
        maxConcurrency: consumer.maxConcurrency,
        // The middleware answers with the failed message ids; only those are retried.
        reportBatchItemFailures: true,
      }),
    )
    // Poison messages go straight to this consumer's DLQ, with their reason.
    grantSendTo(this.function, [this.queues.deadLetterQueue])
    tables.grantDedup(this.function, consumer.name)
    tables.grantReadModel(this.function)
  }
}
