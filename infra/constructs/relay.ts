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
import type { FunctionSpec, StreamSourceSpec } from '../../shared/topology/catalogue.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { deadLetterQueueDefaults } from '../defaults/sqs-defaults.ts'
import { Ack, acknowledge } from './acknowledgements.ts'
import { BackboneFunction } from './backbone-function.ts'
import type { DeploymentEnvironment } from './deployment-environment.ts'
import type { EventStore } from './event-store.ts'
import type { EventTopics } from './event-topics.ts'
import { grantSendTo } from './messaging-access.ts'

/** Properties of {@link Relay}. */
export interface RelayProps {
  /** The store whose stream is relayed. */
  readonly eventStore: EventStore
  /** The topics events are published to. */
  readonly topics: EventTopics
  /** The relay's catalogue entry (with its stream source). */
  readonly spec: FunctionSpec
  /** Where the function's variables resolve. */
  readonly environment: DeploymentEnvironment
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
    const { spec } = props
    const source = spec.streamSource
    if (source === undefined) throw new Error('the relay has no stream source')
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
      spec,
      environment: props.environment.resolve(spec),
    })
    this.addStreamMapping(props.eventStore, source)
    props.eventStore.grantStreamRead(this.function)
    props.topics.grantPublish(this.function)
    // Lambda sends the failure record with the function's role.
    grantSendTo(this.function, [this.failureQueue])
  }

  // Built by hand rather than with DynamoEventSource, whose grants add ListStreams on `*` and
  // `kms:GenerateDataKey*` for the on-failure queue; the exact grants are made above.
  private addStreamMapping(eventStore: EventStore, settings: StreamSourceSpec): void {
    const onFailure: IEventSourceDlq = { bind: () => ({ destination: this.failureQueue.queueArn }) }
    this.function.function.addEventSourceMapping('StreamMapping', {
      eventSourceArn: eventStore.streamArn,
      startingPosition: StartingPosition[settings.startingPosition],
      batchSize: settings.batchSize,
      maxBatchingWindow: Duration.seconds(settings.maxBatchingWindowSeconds),
      bisectBatchOnError: settings.bisectBatchOnFunctionError,
      retryAttempts: settings.maximumRetryAttempts,
      maxRecordAge: Duration.seconds(settings.maximumRecordAgeSeconds),
      // Lambda keeps each partition key's records (one event stream's) in order at any factor.
      parallelizationFactor: settings.parallelizationFactor,
      // The relay answers with the earliest record that failed; Lambda resumes from there.
      reportBatchItemFailures: settings.reportBatchItemFailures,
      onFailure,
    })
  }
}
