/**
 * Guaranteed fan-out, built from `infra/topology.ts`: the topics, the relay from the events table's
 * stream to them, and per consumer a queue, a DLQ, a subscription and a function.
 */
import { Stack } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import { BackboneConsumer } from './backbone-consumer.ts'
import { ConsumerTables } from './consumer-tables.ts'
import type { EventStore } from './event-store.ts'
import { EventTopics } from './event-topics.ts'
import { pascalCase } from './names.ts'
import { Relay } from './relay.ts'
import { type Topology, validateTopology } from './topology-validation.ts'

/** Properties of {@link Fanout}. */
export interface FanoutProps {
  /** The store whose stream the relay reads. */
  readonly eventStore: EventStore
  /** Topics, consumers and relay settings (`infra/topology.ts`). */
  readonly topology: Topology
  /** CloudEvents `source` of every envelope. */
  readonly eventSource: string
}

/** Topics + relay + consumers. */
export class Fanout extends Construct {
  readonly topics: EventTopics
  readonly tables: ConsumerTables
  readonly relay: Relay
  /** The consumers, in topology order. */
  readonly consumers: readonly BackboneConsumer[]

  constructor(scope: Construct, id: string, props: FanoutProps) {
    super(scope, id)
    const { topology } = props
    // Before any resource exists, so a wrong topology fails in milliseconds with every problem listed.
    validateTopology(topology)
    this.topics = new EventTopics(this, 'Topics', { topics: topology.topics })
    this.tables = new ConsumerTables(this, 'ConsumerTables')
    this.relay = new Relay(this, 'Relay', {
      eventStore: props.eventStore,
      topics: this.topics,
      settings: topology.relay,
      eventSource: props.eventSource,
    })
    this.consumers = topology.consumers.map(
      (consumer) =>
        new BackboneConsumer(this, `Consumer${pascalCase(consumer.name)}`, {
          consumer,
          topic: this.topics.topic(consumer.topic),
          tables: this.tables,
          eventSource: props.eventSource,
        }),
    )
  }

  /**
   * `CONSUMER_QUEUES`: JSON `{ "<consumer>": { queueUrl, queueArn, dlqUrl, dlqArn } }`, as the redrive
   * and replay configs read it.
   */
  consumerQueuesJson(): string {
    const byName = Object.fromEntries(
      this.consumers.map(({ declaration, queues }) => [
        declaration.name,
        {
          queueUrl: queues.queue.queueUrl,
          queueArn: queues.queue.queueArn,
          dlqUrl: queues.deadLetterQueue.queueUrl,
          dlqArn: queues.deadLetterQueue.queueArn,
        },
      ]),
    )
    return Stack.of(this).toJsonString(byName)
  }
}
