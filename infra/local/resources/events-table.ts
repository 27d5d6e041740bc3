/**
 * Creates the events table on the local engine from the same schema the CDK stack reads.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { EventsTableSchema } from '../../../shared/store/table-schema.ts'
import { createTableIfMissing, enableTtl } from './table-setup.ts'

/** What happened: the table was created now or existed already; whether TTL could be enabled. */
export interface EventsTableResult {
  created: boolean
  ttlEnabled: boolean
}

/**
 * Creates the events table (keys, `byTime` index projecting all attributes, stream NEW_IMAGE,
 * on-demand), waits until it is ACTIVE, and enables TTL on the guards' expiry attribute where the
 * engine supports it (dynalite does not; expired guards are then ignored by the store itself).
 * Idempotent: an existing table is left as it is.
 */
export async function createEventsTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<EventsTableResult> {
  const s = EventsTableSchema
  const created = await createTableIfMissing(client, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: s.partitionKey, AttributeType: 'S' },
      { AttributeName: s.sortKey, AttributeType: 'N' },
      { AttributeName: s.timeIndex.partitionKey, AttributeType: 'S' },
      { AttributeName: s.timeIndex.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: s.partitionKey, KeyType: 'HASH' },
      { AttributeName: s.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: s.timeIndex.name,
        KeySchema: [
          { AttributeName: s.timeIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: s.timeIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  })
  await waitForIndexes(client, tableName)
  return { created, ttlEnabled: await enableTtl(client, tableName, s.ttlAttribute) }
}

// A new GSI is CREATING for a while on some engines; queries on it fail until it is ACTIVE.
async function waitForIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }))
    if ((Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE')) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
