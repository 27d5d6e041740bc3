import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

/** What the adapter's operations share; built once by `DynamoDBEventStorage`. */
export interface StoreContext {
  client: DynamoDBDocumentClient
  tableName: string
}
