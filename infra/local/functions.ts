/**
 * The functions the local stack runs, with the environment each gets: the same variables the CDK
 * stack sets on AWS, pointing at the embedded engines instead.
 */
import { type ConsumerDeclaration, consumers } from '../topology.ts'
import type { FunctionDefinition } from './lambda/types.ts'
import type { FanoutResources } from './resources/fanout.ts'
import { projectPath } from './settings.ts'

/** Physical names of the local tables. */
export const LocalTables = {
  events: 'events',
  dedup: 'consumer-dedup',
  readModel: 'read-model',
  replayJobs: 'replay-jobs',
} as const

/** Endpoints of the embedded engines and of the local Lambda Invoke API. */
export interface LocalEndpoints {
  dynamodb: string
  snsSqs: string
  /** SNS endpoint when it differs from `snsSqs` (a fault-injection proxy in tests). */
  sns?: string
  lambda: string
}

/** Log level of the functions' Powertools loggers; quiet by default so `npm start` stays readable. */
const logLevel = () => process.env.BACKBONE_LOG_LEVEL ?? 'WARN'

function commonEnvironment(endpoints: LocalEndpoints, serviceName: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SNS: endpoints.sns ?? endpoints.snsSqs,
    AWS_ENDPOINT_URL_SQS: endpoints.snsSqs,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    POWERTOOLS_SERVICE_NAME: serviceName,
    POWERTOOLS_METRICS_NAMESPACE: 'EventBackbone',
    POWERTOOLS_LOG_LEVEL: logLevel(),
    // EMF lines on stdout are for CloudWatch; locally they would drown the console.
    POWERTOOLS_METRICS_DISABLED: process.env.BACKBONE_METRICS === '1' ? 'false' : 'true',
    EVENTS_TABLE_NAME: LocalTables.events,
  }
}

function consumerFunction(
  consumer: ConsumerDeclaration,
  endpoints: LocalEndpoints,
  fanout: FanoutResources,
): FunctionDefinition {
  const queues = fanout.consumerQueues[consumer.name]
  if (queues === undefined) throw new Error(`no queues were created for consumer ${consumer.name}`)
  return {
    name: consumer.name,
    entry: projectPath(consumer.entry),
    timeoutSeconds: consumer.timeoutSeconds,
    memoryMb: consumer.memoryMb,
    concurrency: consumer.maxConcurrency,
    environment: {
      ...commonEnvironment(endpoints, consumer.name),
      CONSUMER_NAME: consumer.name,
      DLQ_URL: queues.dlqUrl,
      DEDUP_TABLE_NAME: LocalTables.dedup,
      READ_MODEL_TABLE_NAME: LocalTables.readModel,
    },
  }
}

/** Every function of the backbone, as the local host registers them. */
export function localFunctions(
  endpoints: LocalEndpoints,
  fanout: FanoutResources,
  declared: readonly ConsumerDeclaration[] = consumers,
): FunctionDefinition[] {
  const env = (service: string) => commonEnvironment(endpoints, service)
  const operator = {
    TOPIC_ARNS: JSON.stringify(fanout.topicArns),
    CONSUMER_QUEUES: JSON.stringify(fanout.consumerQueues),
  }
  return [
    {
      name: 'publish',
      entry: projectPath('functions/publish.ts'),
      timeoutSeconds: 10,
      memoryMb: 512,
      environment: env('publish'),
    },
    {
      name: 'read',
      entry: projectPath('functions/read.ts'),
      timeoutSeconds: 10,
      memoryMb: 512,
      environment: env('read'),
    },
    {
      name: 'relay',
      entry: projectPath('functions/relay.ts'),
      timeoutSeconds: 30,
      memoryMb: 512,
      concurrency: 1,
      environment: { ...env('relay'), TOPIC_ARNS: operator.TOPIC_ARNS },
    },
    {
      name: 'redrive',
      entry: projectPath('functions/redrive.ts'),
      timeoutSeconds: 60,
      memoryMb: 256,
      concurrency: 1,
      environment: { ...env('redrive'), CONSUMER_QUEUES: operator.CONSUMER_QUEUES },
    },
    {
      name: 'replay',
      entry: projectPath('functions/replay.ts'),
      // Lambda's maximum: the job checkpoints and continues itself before it runs out.
      timeoutSeconds: 900,
      memoryMb: 512,
      concurrency: 2,
      environment: { ...env('replay'), ...operator, REPLAY_JOBS_TABLE_NAME: LocalTables.replayJobs },
    },
    ...declared.map((c) => consumerFunction(c, endpoints, fanout)),
  ]
}

/** HTTP API routes, as the CDK stack declares them. */
export const localRoutes = [
  { routeKey: 'POST /streams/{streamId}/events', functionName: 'publish' },
  { routeKey: 'GET /streams/{streamId}/events', functionName: 'read' },
  { routeKey: 'GET /streams/{streamId}', functionName: 'read' },
  { routeKey: '$default', functionName: 'read' },
]
