/**
 * Creates the replay jobs table on the local engine from the same schema the CDK stack reads.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { ReplayJobsTableSchema } from '../../../shared/replay/dynamodb/jobs-table-schema.ts'
import { createTableIfMissing, enableTtl } from './table-setup.ts'

/**
 * Creates the jobs table (on-demand, key `jobId`) and waits until it is ACTIVE; enables TTL where the
 * engine supports it (dynalite does not: finished jobs then simply stay). Idempotent.
 */
export async function createReplayJobsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, ttlAttribute } = ReplayJobsTableSchema
  await createTableIfMissing(client, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
  })
  await enableTtl(client, tableName, ttlAttribute)
}
