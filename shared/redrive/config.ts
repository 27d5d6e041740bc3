import { loadConsumerQueues } from '../topology/deployed.ts'
import type { ConsumerQueues } from './types.ts'

/** Settings of the redrive function. */
export interface RedriveConfig {
  /** Queue and DLQ of every consumer of the deployment, by consumer name. */
  consumerQueues: Record<string, ConsumerQueues>
}

/**
 * Loads `CONSUMER_QUEUES` (see `shared/topology/deployed.ts`); throws `ConfigError` naming the
 * variable when it is missing or malformed.
 */
export const loadRedriveConfig = (env = process.env): RedriveConfig => ({
  consumerQueues: loadConsumerQueues(env),
})
