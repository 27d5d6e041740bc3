/**
 * The relay (transactional outbox): the events table's stream → the relay function → SNS. A batch
 * that keeps failing is bisected down to the failing record, retried a bounded number of times, and
 * then recorded in the on-failure queue, so one bad record never blocks its shard for 24 hours.
 */
import { Duration } from 'aws-cdk-lib'
import { Key } from 'aws-cdk-lib/aws-kms'
import { type IEventSourceDlq, StartingPosition } from 'aws-cdk-lib/aws-lambda'
import { Queue } from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { POWERTOOLS_METRICS_NAMESPACE } from '../defaults/lambda-defaults.ts'
import { deadLetterQueueDefaults } from '../defaults/sqs-defaults.ts'
import { projectPath } from '../stacks/project-root.ts'
import { Ack, acknowledge } from './acknowledgements.ts'
import { BackboneFunction } from './backbone-function.ts'
import type { EventStore } from './event-store.ts'
import type { EventTopics } from './event-topics.ts'
import { grantSendTo } from './messaging-access.ts'
import type { RelayDeclaration } from './topology-validation.ts'

/** Properties of {@link Relay}. */
export interface RelayProps {
  /** The store whose stream is relayed. */
  readonly eventStore: EventStore
  /** The topics events are published to. */
  readonly topics: EventTopics
  /** The relay settings (`relay` of `infra/topology.ts`). */
  readonly settings: RelayDeclaration
  /** CloudEvents `source` of every envelope. */
  readonly eventSource: string
}

/** Stream relay: function, stream event source mapping and on-failure queue. */
export class Relay extends Construct {
  readonly function: BackboneFunction
  /** Where Lambda records a batch that exhausted its retries (shard, sequence numbers, time range). */
  readonly failureQueue: Queue
  /** Encrypts the on-failure queue. */
  readonly failureKey: Key

  constructor(scope: Construct, id: string, props: RelayProps) {
    super(scope, id)
    const { settings } = props
    this.failureKey = new Key(this, 'FailureKey', {
      ...keyDefaults,
      description: 'Encrypts the relay on-failure queue',
    })
    this.failureQueue = new Queue(this, 'FailureQueue', {
      ...deadLetterQueueDefaults,
      encryptionMasterKey: this.failureKey,
    })
    acknowledge(this.failureQueue, Ack.relayFailureQueueHasNoDlq)
    this.function = new BackboneFunction(this, 'Handler', {
      entry: projectPath('functions/relay.ts'),
      description: 'Event Backbone relay: publishes every stored event to its SNS topic',
      functionProps: {
        memorySize: settings.memoryMb,
        timeout: Duration.seconds(settings.timeoutSeconds),
        environment: {
          TOPIC_ARNS: props.topics.arnsJson(),
          EVENT_SOURCE: props.eventSource,
          POWERTOOLS_SERVICE_NAME: 'relay',
          POWERTOOLS_METRICS_NAMESPACE,
        },
      },
    })
    this.addStreamMapping(props)
    props.eventStore.grantStreamRead(this.function)
    props.topics.grantPublish(this.function)
    // Lambda sends the failure record with the function's role.
    grantSendTo(this.function, [this.failureQueue])
  }

  // Built by hand rather than with DynamoEventSource, whose grants add ListStreams on `*` and
  // `kms:GenerateDataKey*` for the on-failure queue; the exact grants are made above.
  private addStreamMapping({ eventStore, settings }: RelayProps): void {
    const onFailure: IEventSourceDlq = { bind: () => ({ destination: this.failureQueue.queueArn }) }
    this.function.function.addEventSourceMapping('StreamMapping', {
      eventSourceArn: eventStore.streamArn,
      // Every record still in the stream: a relay deployed (or re-enabled) late loses nothing.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: settings.batchSize,
      maxBatchingWindow: Duration.seconds(settings.maxBatchingWindowSeconds),
      bisectBatchOnError: settings.bisectBatchOnFunctionError,
      retryAttempts: settings.maximumRetryAttempts,
      maxRecordAge: Duration.seconds(settings.maximumRecordAgeSeconds),
      // The relay answers with the earliest record that failed; Lambda resumes from there.
      reportBatchItemFailures: true,
      onFailure,
    })
  }
}
