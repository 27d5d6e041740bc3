import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { BaseConfig } from '../config.ts'
import { type ClientOverrides, clientCache, clientOptions } from './client-options.ts'

/** A new DynamoDB client (endpoint from config). Prefer {@link dynamodbClient} outside tests. */
export function createDynamoDBClient(config: BaseConfig, overrides?: ClientOverrides): DynamoDBClient {
  return new DynamoDBClient(clientOptions(config, config.endpoints.dynamodb, overrides))
}

/**
 * Wraps a client in a DocumentClient. `removeUndefinedValues`: optional fields of event data are
 * often `undefined`, which DynamoDB's marshaller otherwise rejects.
 */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } })
}

const clients = clientCache<DynamoDBClient>()
const documentClients = clientCache<DynamoDBDocumentClient>()

/** The process-wide DynamoDB client for this config. */
export function dynamodbClient(config: BaseConfig): DynamoDBClient {
  return clients(config, config.endpoints.dynamodb, () => createDynamoDBClient(config))
}

/** The process-wide DocumentClient for this config. */
export function documentClient(config: BaseConfig): DynamoDBDocumentClient {
  return documentClients(config, config.endpoints.dynamodb, () =>
    createDocumentClient(dynamodbClient(config)),
  )
}
