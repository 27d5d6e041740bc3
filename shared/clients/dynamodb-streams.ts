import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import type { BaseConfig } from '../config.ts'
import { type ClientOverrides, clientCache, clientOptions } from './client-options.ts'

/** A new DynamoDBStreamsClient (endpoint from config). Prefer {@link dynamoDbStreamsClient} outside tests. */
export function createDynamoDbStreamsClient(
  config: BaseConfig,
  overrides?: ClientOverrides,
): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient(clientOptions(config, config.endpoints.dynamodbStreams, overrides))
}

const clients = clientCache<DynamoDBStreamsClient>()

/** The process-wide DynamoDBStreamsClient for this config. */
export function dynamoDbStreamsClient(config: BaseConfig): DynamoDBStreamsClient {
  return clients(config, config.endpoints.dynamodbStreams, () => createDynamoDbStreamsClient(config))
}
