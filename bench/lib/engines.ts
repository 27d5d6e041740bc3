/**
 * The embedded engines with the topology's tables, topics and queues, and the environment the
 * functions get from the local runtime, for running handlers in this process.
 */
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb'
import { SNSClient } from '@aws-sdk/client-sns'
import { SQSClient } from '@aws-sdk/client-sqs'
import { type DynamoDbEngine, startDynamoDb } from '../../infra/local/engines/dynamodb/index.ts'
import { type SnsSqsEngine, startSnsSqs } from '../../infra/local/engines/sns-sqs.ts'
import { LocalTables } from '../../infra/local/functions.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createFanoutResources, type FanoutResources } from '../../infra/local/resources/fanout.ts'
import { ReplayJobsTableSchema } from '../../shared/replay/jobs-table-schema.ts'

export const REGION = 'us-east-1'
export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' }

/** Running engines, SDK clients of the bench's own (not the functions'), and the functions' env. */
export interface BenchEngines {
  dynamo: DynamoDbEngine
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
      TableName: LocalTables.replayJobs,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    }),
  )
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: LocalTables.replayJobs })
}

function functionEnv(dynamo: string, snsSqs: string, resources: FanoutResources): Record<string, string> {
  const orderSummary = resources.consumerQueues['order-summary']
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
    EVENTS_TABLE_NAME: LocalTables.events,
    TOPIC_ARNS: JSON.stringify(resources.topicArns),
    CONSUMER_QUEUES: JSON.stringify(resources.consumerQueues),
    CONSUMER_NAME: 'order-summary',
    DLQ_URL: orderSummary?.dlqUrl ?? '',
    DEDUP_TABLE_NAME: LocalTables.dedup,
    READ_MODEL_TABLE_NAME: LocalTables.readModel,
    REPLAY_JOBS_TABLE_NAME: LocalTables.replayJobs,
  }
}

/** Starts both engines in memory on free ports and creates every resource of the topology. */
export async function startBenchEngines(): Promise<BenchEngines> {
  const dynamo = await startDynamoDb({ port: 0 })
  const snsSqs = await startSnsSqs({ port: 0 })
  const config = { region: REGION, credentials: CREDENTIALS }
  const clients = {
    dynamodb: new DynamoDBClient({ ...config, endpoint: dynamo.endpoint }),
    sns: new SNSClient({ ...config, endpoint: snsSqs.endpoint }),
    sqs: new SQSClient({ ...config, endpoint: snsSqs.endpoint }),
  }
  await createEventsTable(clients.dynamodb, LocalTables.events)
  await createConsumerTables(clients.dynamodb, {
    dedupTableName: LocalTables.dedup,
    readModelTableName: LocalTables.readModel,
  })
  await createJobsTable(clients.dynamodb)
  const resources = await createFanoutResources(clients.sns, clients.sqs)
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
