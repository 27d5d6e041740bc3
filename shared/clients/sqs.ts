import { SQSClient } from '@aws-sdk/client-sqs'
import type { BaseConfig } from '../config.ts'
import { type ClientOverrides, clientCache, clientOptions } from './client-options.ts'

/** A new SQSClient (endpoint from config). Prefer {@link sqsClient} outside tests. */
export function createSqsClient(config: BaseConfig, overrides?: ClientOverrides): SQSClient {
  return new SQSClient(clientOptions(config, config.endpoints.sqs, overrides))
}

const clients = clientCache<SQSClient>()

/** The process-wide SQSClient for this config. */
export function sqsClient(config: BaseConfig): SQSClient {
  return clients(config, config.endpoints.sqs, () => createSqsClient(config))
}
