import { LambdaClient } from '@aws-sdk/client-lambda'
import type { BaseConfig } from '../config.ts'
import { type ClientOverrides, clientCache, clientOptions } from './client-options.ts'

/** A new LambdaClient (endpoint from config). Prefer {@link lambdaClient} outside tests. */
export function createLambdaClient(config: BaseConfig, overrides?: ClientOverrides): LambdaClient {
  return new LambdaClient(clientOptions(config, config.endpoints.lambda, overrides))
}

const clients = clientCache<LambdaClient>()

/** The process-wide LambdaClient for this config. */
export function lambdaClient(config: BaseConfig): LambdaClient {
  return clients(config, config.endpoints.lambda, () => createLambdaClient(config))
}
