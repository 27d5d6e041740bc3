import { SNSClient } from '@aws-sdk/client-sns'
import type { BaseConfig } from '../config.ts'
import { type ClientOverrides, clientCache, clientOptions } from './client-options.ts'

/** A new SNSClient (endpoint from config). Prefer {@link snsClient} outside tests. */
export function createSnsClient(config: BaseConfig, overrides?: ClientOverrides): SNSClient {
  return new SNSClient(clientOptions(config, config.endpoints.sns, overrides))
}

const clients = clientCache<SNSClient>()

/** The process-wide SNSClient for this config. */
export function snsClient(config: BaseConfig): SNSClient {
  return clients(config, config.endpoints.sns, () => createSnsClient(config))
}
