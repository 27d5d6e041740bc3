/**
 * Guaranteed fan-out, built from the declaration: the topics, the relay from the events table's
 * stream to them, the consumers' tables, and per consumer a queue, a DLQ, a subscription and a function.
 */
import { Construct } from 'constructs'
import { FrameworkTables, type FunctionSpec, specOf } from '../../shared/topology/catalogue.ts'
import type { BackboneDeclaration } from '../../shared/topology/declaration.ts'
import { BackboneConsumer } from './backbone-consumer.ts'
import { ConsumerTables } from './consumer-tables.ts'
import type { DeploymentEnvironment } from './deployment-environment.ts'
import type { EventStore } from './event-store.ts'
import { EventTopics } from './event-topics.ts'
import { pascalCase } from './names.ts'
import { Relay } from './relay.ts'

/** Properties of {@link Fanout}. */
export interface FanoutProps {
  /** The store whose stream the relay reads. */
  readonly eventStore: EventStore
  /** Topics, consumers, tables and relay settings (validated by the stack). */
  readonly declaration: BackboneDeclaration
  /** The function catalogue of the declaration. */
  readonly catalogue: readonly FunctionSpec[]
  /** Where the functions' variables resolve; the fan-out adds its topics, tables and queues to it. */
  readonly environment: DeploymentEnvironment
}

/** Topics + relay + consumers. */
export class Fanout extends Construct {
  readonly topics: EventTopics
  readonly tables: ConsumerTables
  readonly relay: Relay
  /** The consumers, in declaration order. */
  readonly consumers: readonly BackboneConsumer[]

  constructor(scope: Construct, id: string, props: FanoutProps) {
    super(scope, id)
    const { declaration, catalogue, environment } = props
    this.topics = new EventTopics(this, 'Topics', { topics: declaration.topics })
    for (const [name, topic] of this.topics.byName) environment.addTopic(name, topic)
    this.tables = new ConsumerTables(this, 'ConsumerTables', { tables: declaration.tables })
    environment.addTable(FrameworkTables.dedup, this.tables.dedupTable)
    for (const [name, table] of this.tables.declared) environment.addTable(name, table)
    this.relay = new Relay(this, 'Relay', {
      eventStore: props.eventStore,
      topics: this.topics,
      spec: specOf(catalogue, 'relay'),
      environment,
    })
    this.consumers = declaration.consumers.map(
      (consumer) =>
        new BackboneConsumer(this, `Consumer${pascalCase(consumer.name)}`, {
          consumer,
          spec: specOf(catalogue, consumer.name),
          topic: this.topics.topic(consumer.topic),
          tables: this.tables,
          environment,
        }),
    )
  }
}
