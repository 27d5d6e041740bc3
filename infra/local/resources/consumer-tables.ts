import type { DynamoDBClient, KeySchemaElement } from '@aws-sdk/client-dynamodb'
import { DedupTableSchema } from '../../../shared/consumer/dynamodb/dedup-table-schema.ts'
import type { TableDeclaration } from '../../../shared/topology/declaration.ts'
import { createTableIfMissing, enableTtl } from './table-setup.ts'

/**
 * Creates the consumers' tables on the embedded DynamoDB: the framework's dedup table (TTL on
 * `expiresAt`) and every table the declaration declares (named as declared). Idempotent: a table that
 * already exists is left as it is, so the runtime can call this at every start against a persisted
 * data folder.
 */
export async function createConsumerTables(
  client: DynamoDBClient,
  dedupTableName: string,
  declared: readonly TableDeclaration[],
): Promise<void> {
  const { partitionKey: dedupPk, ttlAttribute } = DedupTableSchema
  await createStringKeyedTable(client, dedupTableName, [{ AttributeName: dedupPk, KeyType: 'HASH' }])
  await enableTtl(client, dedupTableName, ttlAttribute)
  for (const table of declared) {
    await createStringKeyedTable(client, table.name, [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' as const }] : []),
    ])
    if (table.ttlAttribute) await enableTtl(client, table.name, table.ttlAttribute)
  }
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
