/**
 * Builds a consumer's runtime (dedup store, DLQ channel, logger, metrics) from validated config, once
 * per cold start, with the process-wide SDK clients. The registry is the consumer's own: the framework
 * knows no domain.
 */
import { Logger } from '@aws-lambda-powertools/logger'
import { Metrics } from '@aws-lambda-powertools/metrics'
import { documentClient } from '../clients/dynamodb.ts'
import { sqsClient } from '../clients/sqs.ts'
import { type BaseConfig, type Env, loadConfig } from '../config.ts'
import { ConfigError } from '../errors.ts'
import type { EventRegistry } from '../events/registry.ts'
import { type ConsumerConfig, loadConsumerConfig } from './config.ts'
import { DynamoDBDedupStore } from './dynamodb/dynamodb-dedup-store.ts'
import type { ConsumerRuntime } from './record-processor.ts'
import { SqsDeadLetterChannel } from './sqs/sqs-dead-letter-channel.ts'

/** The settings a consumer's `dependencies` factory receives. */
export interface ConsumerEnvironment {
  consumer: string
  env: Env
  config: BaseConfig
  consumerConfig: ConsumerConfig
}

/** Reads and checks the config of `consumer` (throws `ConfigError` naming the variable). */
export function loadConsumerEnvironment(consumer: string, env: Env = process.env): ConsumerEnvironment {
  const config = loadConfig(env)
  const consumerConfig = loadConsumerConfig(env)
  if (consumerConfig.consumerName !== undefined && consumerConfig.consumerName !== consumer) {
    // Catches a function wired to another consumer's module, which would share its dedup records.
    throw new ConfigError(
      'CONSUMER_NAME',
      `is '${consumerConfig.consumerName}' but the module declares '${consumer}'`,
    )
  }
  return { consumer, env, config, consumerConfig }
}

/** The AWS-backed runtime of a consumer that decodes events with `registry`. */
export function createConsumerRuntime(
  environment: ConsumerEnvironment,
  registry: EventRegistry,
): ConsumerRuntime {
  const { consumer, config, consumerConfig } = environment
  return {
    registry,
    dedup: new DynamoDBDedupStore({
      client: documentClient(config),
      tableName: consumerConfig.dedupTableName,
      retentionSeconds: consumerConfig.dedupRetentionSeconds,
    }),
    deadLetters: new SqsDeadLetterChannel({ client: sqsClient(config), queueUrl: consumerConfig.dlqUrl }),
    logger: new Logger({ serviceName: consumer }),
    metrics: new Metrics({ namespace: consumerConfig.metricsNamespace, serviceName: consumer }),
  }
}
