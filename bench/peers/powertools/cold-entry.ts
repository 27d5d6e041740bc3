/**
 * Entry point of the peer consumer's bundle for the cold-start comparison: the Lambda handler module
 * a team would deploy, its client and tables made at init as Powertools' examples make them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { powertoolsOrderSummary } from './order-summary-consumer.ts'

export const handler = powertoolsOrderSummary(new DynamoDBClient({}), {
  idempotency: process.env.IDEMPOTENCY_TABLE_NAME ?? 'idempotency',
  readModel: process.env.READ_MODEL_TABLE_NAME ?? 'read-model',
})
