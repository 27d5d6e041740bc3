/**
 * One consumer of the declaration: its queue, DLQ and subscription, its function, and the SQS event
 * source mapping between them, with exactly the permissions the consumer middleware uses plus the
 * table actions the consumer declares.
 */
import { Duration } from 'aws-cdk-lib'
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources'
import type { Topic } from 'aws-cdk-lib/aws-sns'
import { Construct } from 'constructs'
import type { FunctionSpec } from '../../shared/topology/catalogue.ts'
import type { ConsumerDeclaration } from '../../shared/topology/declaration.ts'
import { BackboneFunction } from './backbone-function.ts'
import { ConsumerQueues } from './consumer-queues.ts'
import type { ConsumerTables } from './consumer-tables.ts'
import type { DeploymentEnvironment } from './deployment-environment.ts'
import { grantSendTo } from './messaging-access.ts'

/** Properties of {@link BackboneConsumer}. */
export interface BackboneConsumerProps {
  /** The consumer's declaration. */
  readonly consumer: ConsumerDeclaration
  /** Its function's catalogue entry (with its queue source). */
  readonly spec: FunctionSpec
  /** The topic it subscribes to. */
  readonly topic: Topic
  /** The dedup and declared tables. */
  readonly tables: ConsumerTables
  /** Where the function's variables resolve. */
  readonly environment: DeploymentEnvironment
}

/** A consumer: queues + function + event source mapping. */
export class BackboneConsumer extends Construct {
  /** The consumer's declaration. */
  readonly declaration: ConsumerDeclaration
  readonly queues: ConsumerQueues
  readonly function: BackboneFunction

  constructor(scope: Construct, id: string, props: BackboneConsumerProps) {
    super(scope, id)
    const { consumer, spec, tables } = props
    this.declaration = consumer
    this.queues = new ConsumerQueues(this, 'Queues', { consumer, topic: props.topic })
    props.environment.addConsumerQueues(consumer.name, this.queues)
    this.function = new BackboneFunction(this, 'Handler', {
      spec,
      environment: props.environment.resolve(spec),
    })
    props.environment.addConsumerFunction(consumer.name, this.function.function)
    const source = spec.queueSource
    if (source === undefined) throw new Error(`consumer ${consumer.name} has no queue source`)
    this.function.function.addEventSource(
      new SqsEventSource(this.queues.queue, {
        batchSize: source.batchSize,
        // Lambda refuses any batching window on a FIFO queue, even 0 (validated in the declaration).
        ...(props.topic.fifo ? {} : { maxBatchingWindow: Duration.seconds(source.maxBatchingWindowSeconds) }),
        maxConcurrency: source.maxConcurrency,
        reportBatchItemFailures: source.reportBatchItemFailures,
      }),
    )
    // Poison messages go straight to this consumer's DLQ, with their reason.
    grantSendTo(this.function, [this.queues.deadLetterQueue])
    tables.grantDedup(this.function, consumer.name)
    for (const use of consumer.tables ?? []) tables.grantUse(this.function, use)
  }
}
