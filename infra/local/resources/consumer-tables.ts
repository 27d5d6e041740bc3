import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb'
import { DedupTableSchema } from '../../../shared/consumer/dedup-table-schema.ts'
import { ReadModelTableSchema } from '../../../shared/read-model/table-schema.ts'

/** Physical names of the tables the consumers use. */
export interface ConsumerTableNames {
  dedupTableName: string
  readModelTableName: string
}

/**
 * Creates the consumer dedup table (with TTL on `expiresAt`) and the read-model table on the embedded
 * DynamoDB. Idempotent: a table that already exists is left as it is, so the runtime can call this at
 * every start against a persisted data folder.
 */
export async function createConsumerTables(client: DynamoDBClient, names: ConsumerTableNames): Promise<void> {
  const { partitionKey: dedupPk, ttlAttribute } = DedupTableSchema
  await createTable(client, names.dedupTableName, [{ AttributeName: dedupPk, KeyType: 'HASH' }])
  await enableTtl(client, names.dedupTableName, ttlAttribute)
  const { partitionKey, sortKey } = ReadModelTableSchema
  await createTable(client, names.readModelTableName, [
    { AttributeName: partitionKey, KeyType: 'HASH' },
    { AttributeName: sortKey, KeyType: 'RANGE' },
  ])
}

async function createTable(
  client: DynamoDBClient,
  tableName: string,
  keys: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[],
): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keys,
        AttributeDefinitions: keys.map((k) => ({ AttributeName: k.AttributeName, AttributeType: 'S' })),
      }),
    )
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error
  }
  // dynalite, like DynamoDB, reports CREATING for a moment; writes before ACTIVE fail.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName })
}

async function enableTtl(client: DynamoDBClient, tableName: string, attribute: string): Promise<void> {
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))
  // DynamoDB rejects enabling TTL twice, so check first to stay idempotent.
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    )
  } catch (error) {
    // dynalite has no UpdateTimeToLive. Nothing depends on TTL deletion: the dedup store treats an
    // expired record as absent in its own condition, so expiry is only a storage clean-up.
    if ((error as { name?: string }).name !== 'UnknownOperationException') throw error
  }
}
