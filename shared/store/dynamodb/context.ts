import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { SchemaSource } from '../prepare-append.ts'

/** What the adapter's operations share; built once by `DynamoDbEventStore`. */
export interface StoreContext {
  client: DynamoDBDocumentClient
  tableName: string
  registry: SchemaSource
  now: () => Date
  maxAppendAttempts: number
}
