/**
 * The part of the deployed topology the trace needs to name what it sees: topic by ARN, consumer by
 * queue or DLQ name, and the consumers (with their filter policies) subscribed to each topic.
 */
import type { BackboneDeclaration } from '../../../../shared/topology/declaration.ts'
import type { FanoutResources } from '../../resources/fanout.ts'

export interface TraceTopology {
  topicByArn: ReadonlyMap<string, string>
  consumerByQueue: ReadonlyMap<string, string>
  consumerByDlq: ReadonlyMap<string, string>
  subscribers: ReadonlyMap<string, ReadonlyArray<{ consumer: string; filterPolicy?: unknown }>>
  /** Function name → consumer name (a consumer's function bears its name). */
  consumerFunctions: ReadonlySet<string>
}

/** The queue name at the end of an SQS queue URL. */
export const queueNameOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1)

export function traceTopology(declaration: BackboneDeclaration, resources: FanoutResources): TraceTopology {
  const subscribers = new Map<string, Array<{ consumer: string; filterPolicy?: unknown }>>()
  for (const c of declaration.consumers) {
    const list = subscribers.get(c.topic) ?? []
    list.push(c.filterPolicy ? { consumer: c.name, filterPolicy: c.filterPolicy } : { consumer: c.name })
    subscribers.set(c.topic, list)
  }
  const queues = Object.entries(resources.consumerQueues)
  return {
    topicByArn: new Map(Object.entries(resources.topicArns).map(([name, arn]) => [arn, name])),
    consumerByQueue: new Map(queues.map(([name, q]) => [queueNameOf(q.queueUrl), name])),
    consumerByDlq: new Map(queues.map(([name, q]) => [queueNameOf(q.dlqUrl), name])),
    subscribers,
    consumerFunctions: new Set(declaration.consumers.map((c) => c.name)),
  }
}
