import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AttributeDefinition,
  CreateTableCommand,
  DynamoDBClient,
  type KeySchemaElement,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { localClientConfig as clientConfig } from '../../infra/local/clients.ts'
import { type DynamoDBEngine, startDynamoDB } from '../../infra/local/engines/dynamodb/index.ts'

/** The engine on a random port with SDK clients pointed at it. */
export interface TestDynamoDB {
  engine: DynamoDBEngine
  dynamodb: DynamoDBClient
  streams: DynamoDBStreamsClient
  /** Stops the clients and the engine; removes the data folder when the helper created it. */
  stop(): Promise<void>
}

/** Real DynamoDBClient and DynamoDBStreamsClient for an engine endpoint. */
export function dynamodbClients(endpoint: string): {
  dynamodb: DynamoDBClient
  streams: DynamoDBStreamsClient
} {
  return {
    dynamodb: new DynamoDBClient(clientConfig(endpoint)),
    streams: new DynamoDBStreamsClient(clientConfig(endpoint)),
  }
}

/**
 * Starts the DynamoDB engine on port 0. With `dataDir` the caller owns that folder (to test restarts);
 * with `inMemory` nothing touches the disk; otherwise a fresh temp folder that `stop()` removes.
 */
export async function startTestDynamoDB(
  opts: { dataDir?: string; inMemory?: boolean } = {},
): Promise<TestDynamoDB> {
  const ownDir = opts.dataDir === undefined && !opts.inMemory
  const dataDir = opts.inMemory ? undefined : (opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'dynamodb-'))))
  const engine = await startDynamoDB({ port: 0, ...(dataDir ? { dataDir } : {}) })
  const { dynamodb, streams } = dynamodbClients(engine.endpoint)
  return {
    engine,
    dynamodb,
    streams,
    async stop() {
      dynamodb.destroy()
      streams.destroy()
      await engine.stop()
      if (ownDir && dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Creates an on-demand table keyed by `pk` (S), plus `sk` (N) when `sortKey` is set, with a stream
 * of `streamViewType` when given.
 */
export async function createTestTable(
  client: DynamoDBClient,
  name: string,
  opts: { streamViewType?: StreamViewType; sortKey?: boolean } = {},
): Promise<void> {
  const attributes: AttributeDefinition[] = [{ AttributeName: 'pk', AttributeType: 'S' }]
  const keys: KeySchemaElement[] = [{ AttributeName: 'pk', KeyType: 'HASH' }]
  if (opts.sortKey) {
    attributes.push({ AttributeName: 'sk', AttributeType: 'N' })
    keys.push({ AttributeName: 'sk', KeyType: 'RANGE' })
  }
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes,
      KeySchema: keys,
      ...(opts.streamViewType
        ? { StreamSpecification: { StreamEnabled: true, StreamViewType: opts.streamViewType } }
        : {}),
    }),
  )
}

/** `waitFor` of ./wait.ts, under the name replay-function.test.ts imports from here. */
export { waitFor as eventually } from './wait.ts'
