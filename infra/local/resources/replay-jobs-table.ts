/**
 * Creates the replay jobs table on the local engine from the same schema the CDK stack reads.
 */
import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb'
import { ReplayJobsTableSchema } from '../../../shared/replay/jobs-table-schema.ts'

/**
 * Creates the jobs table (on-demand, key `jobId`) and waits until it is ACTIVE; enables TTL where the
 * engine supports it (dynalite does not: finished jobs then simply stay). Idempotent.
 */
export async function createReplayJobsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, ttlAttribute } = ReplayJobsTableSchema
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
      }),
    )
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error
  }
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName })
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    )
  } catch (error) {
    // Already enabled (ValidationException on AWS) or an engine without the API (dynalite).
    const name = (error as { name?: string }).name
    if (name !== 'ValidationException' && name !== 'UnknownOperationException') throw error
  }
}
