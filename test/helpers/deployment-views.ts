/**
 * One shape for "what a deployment runs", read from each side: from the synthesized CloudFormation
 * template (what `cdk deploy` creates) and from a running local stack (what `npm start` runs, asked of
 * the engines themselves). The parity test compares the two, one function, route, mapping, queue and
 * subscription at a time.
 */
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
} from '@aws-sdk/client-sns'
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type { Template } from 'aws-cdk-lib/assertions'
import { localClientConfig } from '../../infra/local/clients.ts'
import type { LocalStack } from '../../infra/local/runtime.ts'
import type { EventBackboneStack } from '../../infra/stacks/event-backbone-stack.ts'
import { type CfnResourceJson, logicalIdOf, resourcesOfType } from './template-queries.ts'

/** A value that names a deployed resource (an ARN, a URL, a table name): equal in kind, not in text. */
export const RESOURCE = '<deployed resource>'

export interface DeploymentView {
  functions: Record<
    string,
    { timeoutSeconds: unknown; memoryMb: unknown; environment: Record<string, string> }
  >
  /** `<route key> -> <function>`, sorted. */
  routes: string[]
  /** By function name. */
  mappings: Record<string, Record<string, unknown>>
  /** By consumer name. */
  queues: Record<
    string,
    { visibilityTimeout: number; maxReceiveCount: number; fifo: boolean; dlqRetention: number }
  >
  /** By consumer name. */
  subscriptions: Record<string, { topic: string; raw: boolean; filterPolicy: unknown }>
}

// Only one side sets these, by design: the engines' endpoints and log settings locally, source maps on AWS.
const SIDE_ONLY = /^(AWS_ENDPOINT_URL_.*|POWERTOOLS_LOG_LEVEL|POWERTOOLS_METRICS_DISABLED|NODE_OPTIONS)$/

const json = (value: string): unknown => {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** Environment values as comparable text: plain values as they are, JSON canonical, resources as {@link RESOURCE}. */
function environment(raw: Record<string, unknown>, isResource: (name: string, value: unknown) => boolean) {
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([name]) => !SIDE_ONLY.test(name))
      .map(([name, value]) => [
        name,
        isResource(name, value) ? RESOURCE : JSON.stringify(json(String(value))),
      ])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  )
}

/** The template's side. Functions are named by their `POWERTOOLS_SERVICE_NAME`, as the catalogue names them. */
export function templateView(template: Template, stack: EventBackboneStack): DeploymentView {
  const resources = template.toJSON().Resources as Record<string, CfnResourceJson>
  const functions = resourcesOfType(template, 'AWS::Lambda::Function')
  const nameOf = new Map<string, string>()
  const view: DeploymentView = { functions: {}, routes: [], mappings: {}, queues: {}, subscriptions: {} }
  for (const [id, fn] of Object.entries(functions)) {
    const env = ((fn.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables ??
      {}) as Record<string, unknown>
    const name = env.POWERTOOLS_SERVICE_NAME
    if (typeof name !== 'string') continue
    nameOf.set(id, name)
    view.functions[name] = {
      timeoutSeconds: fn.Properties.Timeout,
      memoryMb: fn.Properties.MemorySize,
      environment: environment(env, (_, value) => typeof value !== 'string'),
    }
  }
  const consumerOfQueue = new Map(
    stack.fanout.consumers.map((c) => [logicalIdOf(c.queues.queue), c.declaration.name]),
  )
  const topicOf = new Map([...stack.fanout.topics.byName].map(([name, topic]) => [logicalIdOf(topic), name]))
  for (const route of Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route'))) {
    const integrationId = JSON.stringify(route.Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? ''
    const uri = JSON.stringify(resources[integrationId]?.Properties.IntegrationUri)
    const fnId = uri.match(/"Fn::GetAtt":\["([^"]+)"/)?.[1] ?? ''
    view.routes.push(`${route.Properties.RouteKey} -> ${nameOf.get(fnId)}`)
  }
  view.routes.sort()
  for (const m of Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'))) {
    const p = m.Properties
    const fnId = JSON.stringify(p.FunctionName).match(/"Ref":"([^"]+)"/)?.[1] ?? ''
    const sourceId = JSON.stringify(p.EventSourceArn).match(/"Fn::GetAtt":\["([^"]+)"/)?.[1] ?? ''
    const fromQueue = consumerOfQueue.get(sourceId)
    view.mappings[nameOf.get(fnId) ?? fnId] = {
      source:
        fromQueue ?? (sourceId === logicalIdOf(stack.eventStore.table) ? 'events table stream' : sourceId),
      batchSize: p.BatchSize,
      maximumBatchingWindowSeconds: p.MaximumBatchingWindowInSeconds ?? 0,
      reportBatchItemFailures: JSON.stringify(p.FunctionResponseTypes) === '["ReportBatchItemFailures"]',
      ...(fromQueue
        ? { maximumConcurrency: (p.ScalingConfig as { MaximumConcurrency?: number })?.MaximumConcurrency }
        : {
            startingPosition: p.StartingPosition,
            bisectBatchOnFunctionError: p.BisectBatchOnFunctionError,
            maximumRetryAttempts: p.MaximumRetryAttempts,
          }),
    }
  }
  for (const consumer of stack.fanout.consumers) {
    const queue = resources[logicalIdOf(consumer.queues.queue)]?.Properties ?? {}
    const dlq = resources[logicalIdOf(consumer.queues.deadLetterQueue)]?.Properties ?? {}
    view.queues[consumer.declaration.name] = {
      visibilityTimeout: Number(queue.VisibilityTimeout),
      maxReceiveCount: Number((queue.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount),
      fifo: queue.FifoQueue === true,
      dlqRetention: Number(dlq.MessageRetentionPeriod),
    }
  }
  for (const sub of Object.values(resourcesOfType(template, 'AWS::SNS::Subscription'))) {
    const p = sub.Properties
    const queueId = JSON.stringify(p.Endpoint).match(/"Fn::GetAtt":\["([^"]+)"/)?.[1] ?? ''
    const topicId = JSON.stringify(p.TopicArn).match(/"Ref":"([^"]+)"/)?.[1] ?? ''
    view.subscriptions[consumerOfQueue.get(queueId) ?? queueId] = {
      topic: topicOf.get(topicId) ?? topicId,
      raw: p.RawMessageDelivery === true,
      filterPolicy: p.FilterPolicy ?? null,
    }
  }
  return view
}

/** The local stack's side: what its host registered, its HTTP API routes, its pollers, and its engines' own answers. */
export async function localView(stack: LocalStack, sqs: SQSClient): Promise<DeploymentView> {
  const view: DeploymentView = { functions: {}, routes: [], mappings: {}, queues: {}, subscriptions: {} }
  // A value is a resource when it names one: a table, an ARN, a URL, or JSON holding them.
  const local = stack.resources
  const tables = new Set(['events', 'consumer-dedup', 'replay-jobs'])
  // PROJECTIONS holds the projections' table and function names (locally their plain declared names).
  const isResource = (name: string, value: unknown) =>
    /_TABLE_NAME$|^PROJECTIONS$/.test(name) ||
    tables.has(String(value)) ||
    /arn:|https?:\/\//.test(String(value))
  for (const fn of stack.functions) {
    view.functions[fn.name] = {
      timeoutSeconds: fn.timeoutSeconds,
      memoryMb: fn.memoryMb,
      environment: environment(fn.environment ?? {}, isResource),
    }
  }
  view.routes = stack.routes.map((r) => `${r.routeKey} -> ${r.functionName}`).sort()
  const consumerOfUrl = new Map(Object.entries(local.consumerQueues).map(([name, q]) => [q.queueUrl, name]))
  for (const m of stack.mappings) {
    const common = {
      batchSize: m.batchSize,
      maximumBatchingWindowSeconds: m.maximumBatchingWindowSeconds,
      reportBatchItemFailures: m.reportBatchItemFailures,
    }
    view.mappings[m.functionName] =
      m.kind === 'sqs'
        ? { source: consumerOfUrl.get(m.queueUrl), ...common, maximumConcurrency: m.maximumConcurrency }
        : {
            source: m.tableName === 'events' ? 'events table stream' : m.tableName,
            ...common,
            startingPosition: m.startingPosition,
            bisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
            maximumRetryAttempts: m.maximumRetryAttempts,
          }
  }
  for (const [name, q] of Object.entries(local.consumerQueues)) {
    const attributes = async (url: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })))
        .Attributes ?? {}
    const [queue, dlq] = await Promise.all([attributes(q.queueUrl), attributes(q.dlqUrl)])
    view.queues[name] = {
      visibilityTimeout: Number(queue.VisibilityTimeout),
      maxReceiveCount: Number(JSON.parse(queue.RedrivePolicy ?? '{}').maxReceiveCount),
      fifo: queue.FifoQueue === 'true',
      dlqRetention: Number(dlq.MessageRetentionPeriod),
    }
  }
  const sns = new SNSClient(localClientConfig(stack.urls.aws))
  try {
    const consumerOfArn = new Map(Object.entries(local.consumerQueues).map(([name, q]) => [q.queueArn, name]))
    for (const [topic, topicArn] of Object.entries(local.topicArns)) {
      const { Subscriptions = [] } = await sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
      )
      for (const sub of Subscriptions) {
        const { Attributes = {} } = await sns.send(
          new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn }),
        )
        view.subscriptions[consumerOfArn.get(sub.Endpoint ?? '') ?? String(sub.Endpoint)] = {
          topic,
          raw: Attributes.RawMessageDelivery === 'true',
          filterPolicy: Attributes.FilterPolicy ? JSON.parse(Attributes.FilterPolicy) : null,
        }
      }
    }
  } finally {
    sns.destroy()
  }
  return view
}

/** Every difference between two views, as `path: template … local …` lines (empty when they agree). */
export function differences(template: DeploymentView, local: DeploymentView): string[] {
  const out: string[] = []
  const walk = (path: string, a: unknown, b: unknown) => {
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b as object)])
      for (const key of keys)
        walk(`${path}.${key}`, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
      return
    }
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${path}: template ${JSON.stringify(a)}, local ${JSON.stringify(b)}`)
  }
  walk('', template, local)
  return out
}
