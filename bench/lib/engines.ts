/**
 * The embedded engines with the topology's tables, topics and queues, and the environment the
 * functions get from the local runtime, for running handlers in this process.
 */
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb'
import { SNSClient } from '@aws-sdk/client-sns'
import { SQSClient } from '@aws-sdk/client-sqs'
import { backbone } from '../../functions/backbone.ts'
import { type DynamoDBEngine, startDynamoDB } from '../../infra/local/engines/dynamodb/index.ts'
import { type SnsSqsEngine, startSnsSqs } from '../../infra/local/engines/sns-sqs.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createFanoutResources, type FanoutResources } from '../../infra/local/resources/fanout.ts'
import { projectionVariable } from '../../shared/projection/config.ts'
import { ReplayJobsTableSchema } from '../../shared/replay/dynamodb/jobs-table-schema.ts'
import { FrameworkTables } from '../../shared/topology/catalogue.ts'
import { deployedTopologyOf } from '../../shared/topology/deployed.ts'

export const REGION = 'us-east-1'
export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' }

/** Running engines, SDK clients of the bench's own (not the functions'), and the functions' env. */
export interface BenchEngines {
  dynamo: DynamoDBEngine
  snsSqs: SnsSqsEngine
  clients: { dynamodb: DynamoDBClient; sns: SNSClient; sqs: SQSClient }
  resources: FanoutResources
  /** Every variable any function reads, pointing at these engines. */
  env: Record<string, string>
  stop(): Promise<void>
}

async function createJobsTable(client: DynamoDBClient): Promise<void> {
  const key = ReplayJobsTableSchema.partitionKey
  await client.send(
    new CreateTableCommand({
      TableName: FrameworkTables.replayJobs,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    }),
  )
  await waitUntilTableExists(
    { client, maxWaitTime: 30, minDelay: 1 },
    { TableName: FrameworkTables.replayJobs },
  )
}

function functionEnv(dynamo: string, snsSqs: string, resources: FanoutResources): Record<string, string> {
  const orderSummary = resources.consumerQueues['order-summary']
  const deployed = deployedTopologyOf(backbone, resources.topicArns, resources.consumerQueues)
  return {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo,
    AWS_ENDPOINT_URL_SNS: snsSqs,
    AWS_ENDPOINT_URL_SQS: snsSqs,
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    // As deployed (applicationLogLevelV2 INFO); the part's stdout goes nowhere.
    AWS_LAMBDA_LOG_LEVEL: 'INFO',
    POWERTOOLS_SERVICE_NAME: 'bench',
    POWERTOOLS_METRICS_NAMESPACE: 'EventBackbone',
    EVENTS_TABLE_NAME: FrameworkTables.events,
    TOPIC_ARNS: JSON.stringify(deployed.topicArns),
    EVENT_ROUTES: JSON.stringify(deployed.routes),
    CONSUMER_QUEUES: JSON.stringify(deployed.consumers),
    // No CONSUMER_NAME (optional): one process runs several consumers, and each checks it against its own name.
    DLQ_URL: orderSummary?.dlqUrl ?? '',
    DEDUP_TABLE_NAME: FrameworkTables.dedup,
    REPLAY_JOBS_TABLE_NAME: FrameworkTables.replayJobs,
    // Every table a declared consumer uses, by the variable it declares (local tables are named as declared).
    ...Object.fromEntries(
      backbone.consumers.flatMap((c) => (c.tables ?? []).map((u) => [u.environment, u.table])),
    ),
    // The projection's consumer runs as deployed (it names itself; the other consumers ignore it).
    ...projectionEnv(),
  }
}

/** `PROJECTION` and `PROJECTION_TABLE_NAME` of the declaration's one projection (order-summary). */
function projectionEnv(): Record<string, string> {
  const consumer = backbone.consumers.find((c) => 'projection' in c)
  const own = consumer && projectionVariable(backbone, consumer)
  if (consumer === undefined || own === undefined || !('projection' in consumer)) return {}
  return { PROJECTION: own, PROJECTION_TABLE_NAME: consumer.projection.table }
}

/** Starts both engines in memory on free ports and creates every resource of the topology. */
export async function startBenchEngines(): Promise<BenchEngines> {
  const dynamo = await startDynamoDB({ port: 0 })
  const snsSqs = await startSnsSqs({ port: 0 })
  const config = { region: REGION, credentials: CREDENTIALS }
  const clients = {
    dynamodb: new DynamoDBClient({ ...config, endpoint: dynamo.endpoint }),
    sns: new SNSClient({ ...config, endpoint: snsSqs.endpoint }),
    sqs: new SQSClient({ ...config, endpoint: snsSqs.endpoint }),
  }
  await createEventsTable(clients.dynamodb, FrameworkTables.events)
  await createConsumerTables(clients.dynamodb, FrameworkTables.dedup, backbone.tables)
  await createJobsTable(clients.dynamodb)
  const resources = await createFanoutResources(clients.sns, clients.sqs, backbone)
  return {
    dynamo,
    snsSqs,
    clients,
    resources,
    env: functionEnv(dynamo.endpoint, snsSqs.endpoint, resources),
    async stop() {
      for (const client of Object.values(clients)) client.destroy()
      await Promise.allSettled([snsSqs.stop(), dynamo.stop()])
    },
  }
}
