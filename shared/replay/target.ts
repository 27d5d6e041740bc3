/**
 * Resolves a replay target to where messages go and which events it receives: a consumer gets only
 * events routed to its topic that pass its subscription's filter policy (as SNS would deliver them);
 * a topic gets every event routed to it.
 */
import type { OutboundEnvelope, QueueSender, SendResult, TopicPublisher } from '../channels/ports.ts'
import type { DeployedTopology } from '../topology/deployed.ts'
import { topicOf } from '../topology/routing.ts'
import { routingAttributes } from './envelope.ts'
import { ReplayRequestError } from './errors.ts'
import { matchesFilterPolicy } from './filter-policy.ts'
import { targetTopic } from './request.ts'
import type { ReplayTarget } from './types.ts'

/** Applies events to one version of a projection by invoking its consumer (a rebuild's target). */
export interface ProjectionApplier {
  /** `ordered`: the consumer's queue is FIFO, so each stream's events must be handled in order. */
  apply(
    consumer: string,
    version: number,
    envelopes: readonly OutboundEnvelope[],
    ordered: boolean,
  ): Promise<SendResult>
}

/** The channels a replay can send through. */
export interface ReplayChannels {
  queue: QueueSender
  topic: TopicPublisher
  /** Where the deployment has projections. */
  projections?: ProjectionApplier
}

/** A resolved target. */
export interface ResolvedTarget {
  /**
   * A FIFO queue or topic: batches must go out one at a time, or two in flight could swap the order
   * of a message group.
   */
  ordered: boolean
  /** Whether the target receives this envelope. */
  accepts(envelope: OutboundEnvelope): boolean
  send(envelopes: readonly OutboundEnvelope[]): Promise<SendResult>
}

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/** Resolves `target`; throws {@link ReplayRequestError} when the deployment has no address for it. */
export function resolveTarget(
  target: ReplayTarget,
  topology: DeployedTopology,
  channels: ReplayChannels,
  jobId: string,
  projectionVersion?: number,
): ResolvedTarget {
  // FIFO deduplication per job: a replay is not dropped as a duplicate of the live delivery or of an
  // earlier replay of the same events within SQS's 5-minute window; its own retries still are.
  const options = { deduplicationScope: `replay ${jobId}` }
  const topic = targetTopic(target, topology)
  const routed = (e: OutboundEnvelope) => topicOf(topology.routes, e.type) === topic
  if ('consumer' in target) {
    const consumer = own(topology.consumers, target.consumer)
    if (consumer === undefined) {
      throw new ReplayRequestError('target.consumer', `no queue configured for consumer "${target.consumer}"`)
    }
    const { queueUrl } = consumer
    const { projections } = channels
    if (projectionVersion !== undefined && projections === undefined) {
      throw new ReplayRequestError('target.consumer', `"${target.consumer}" is not a projection`)
    }
    const ordered = queueUrl.endsWith('.fifo')
    return {
      ordered,
      accepts: (e) => routed(e) && matchesFilterPolicy(consumer.filterPolicy, routingAttributes(e)),
      send:
        projectionVersion === undefined || projections === undefined
          ? (envelopes) => channels.queue.sendBatch(queueUrl, envelopes, options)
          : (envelopes) => projections.apply(target.consumer, projectionVersion, envelopes, ordered),
    }
  }
  const topicArn = own(topology.topicArns, topic)
  if (topicArn === undefined) {
    throw new ReplayRequestError('target.topic', `no ARN configured for topic "${topic}"`)
  }
  return {
    ordered: topicArn.endsWith('.fifo'),
    accepts: routed,
    send: (envelopes) => channels.topic.publishBatch(topicArn, envelopes, options),
  }
}
