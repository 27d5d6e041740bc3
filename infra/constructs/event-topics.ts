/**
 * The SNS topics of the topology, encrypted with one customer-managed key. Publishers (the relay and
 * replay) need that key; subscribers never do, since SNS re-encrypts each delivery with the queue's key.
 */
import type { IGrantable } from 'aws-cdk-lib/aws-iam'
import { Key } from 'aws-cdk-lib/aws-kms'
import { Topic } from 'aws-cdk-lib/aws-sns'
import { Construct } from 'constructs'
import type { TopicDeclaration } from '../../shared/topology/declaration.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { topicDefaults } from '../defaults/sns-defaults.ts'
import { grantPublishTo } from './messaging-access.ts'
import { pascalCase } from './names.ts'

/** Properties of {@link EventTopics}. */
export interface EventTopicsProps {
  /** The topics to create (`topics` of the declaration). */
  readonly topics: readonly TopicDeclaration[]
}

/** One SNS topic per declaration, FIFO where declared. */
export class EventTopics extends Construct {
  /** The key encrypting every topic. */
  readonly encryptionKey: Key
  /** The topics, by topology name. */
  readonly byName: ReadonlyMap<string, Topic>

  constructor(scope: Construct, id: string, props: EventTopicsProps) {
    super(scope, id)
    this.encryptionKey = new Key(this, 'Key', { ...keyDefaults, description: 'Encrypts the event topics' })
    const byName = new Map<string, Topic>()
    for (const declaration of props.topics) {
      const topic = new Topic(this, pascalCase(declaration.name), {
        ...topicDefaults,
        displayName: `Event Backbone ${declaration.name}`,
        masterKey: this.encryptionKey,
        // A FIFO topic only delivers to FIFO queues; the relay sets group id = stream id and
        // deduplication id = event id, so content-based deduplication stays off.
        ...(declaration.fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
      })
      byName.set(declaration.name, topic)
    }
    this.byName = byName
  }

  /** The topic named `name` in the topology. */
  topic(name: string): Topic {
    const topic = this.byName.get(name)
    if (topic === undefined) throw new Error(`no topic "${name}" in the topology`)
    return topic
  }

  /** Lets `grantee` publish to every topic. */
  grantPublish(grantee: IGrantable): void {
    grantPublishTo(grantee, [...this.byName.values()])
  }
}
