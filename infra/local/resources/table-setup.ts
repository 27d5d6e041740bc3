/**
 * The steps every local table goes through at start-up, idempotent so each start can run them
 * against a persisted data folder.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb'

/**
 * Creates the table unless it exists, then waits until it is ACTIVE (dynalite, like DynamoDB, reports
 * CREATING for a moment, and writes before ACTIVE fail). Resolves `true` when it was created now.
 */
export async function createTableIfMissing(
  client: DynamoDBClient,
  input: CreateTableCommandInput & { TableName: string },
): Promise<boolean> {
  let created = true
  try {
    await client.send(new CreateTableCommand(input))
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error
    created = false
  }
  await waitUntilTableExists(
    { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
    { TableName: input.TableName },
  )
  return created
}

/**
 * Enables TTL on `attribute` where the engine supports it. Resolves `true` when TTL is on, `false` on
 * an engine without the API (dynalite has no UpdateTimeToLive). Nothing depends on TTL deletion: the
 * dedup store and the publish guards treat an expired record as absent, and finished replay jobs just
 * stay, so expiry is only a storage clean-up.
 */
export async function enableTtl(
  client: DynamoDBClient,
  tableName: string,
  attribute: string,
): Promise<boolean> {
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))
  // DynamoDB rejects enabling TTL twice, so check first to stay idempotent.
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return true
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    )
    return true
  } catch (error) {
    if ((error as { name?: string }).name === 'UnknownOperationException') return false
    throw error
  }
}
