import type { DynamoDBClient, KeySchemaElement } from '@aws-sdk/client-dynamodb'
import { DedupTableSchema } from '../../../shared/consumer/dedup-table-schema.ts'
import { ReadModelTableSchema } from '../../../shared/domain/order/read-model/table-schema.ts'
import { createTableIfMissing, enableTtl } from './table-setup.ts'

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
  await createStringKeyedTable(client, names.dedupTableName, [{ AttributeName: dedupPk, KeyType: 'HASH' }])
  await enableTtl(client, names.dedupTableName, ttlAttribute)
  const { partitionKey, sortKey } = ReadModelTableSchema
  await createStringKeyedTable(client, names.readModelTableName, [
    { AttributeName: partitionKey, KeyType: 'HASH' },
    { AttributeName: sortKey, KeyType: 'RANGE' },
  ])
}

function createStringKeyedTable(
  client: DynamoDBClient,
  tableName: string,
  keys: Array<KeySchemaElement & { AttributeName: string }>,
): Promise<boolean> {
  return createTableIfMissing(client, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keys,
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k.AttributeName, AttributeType: 'S' })),
  })
}
