/**
 * Relay (transactional outbox): the events table's DynamoDB stream → SNS topics. Thin: builds its
 * dependencies once, hands the batch to `shared/relay`, answers with the earliest failed record.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware'
import middy from '@middy/core'
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'
import { SnsTopicPublisher } from '../shared/channels/sns/sns-topic-publisher.ts'
import { snsClient } from '../shared/clients/sns.ts'
import { loadConfig } from '../shared/config.ts'
import { createLogger } from '../shared/observability/logger.ts'
import { createMetrics } from '../shared/observability/metrics.ts'
import { loadRelayConfig, topicArnResolver } from '../shared/relay/config.ts'
import { reportRelayOutcome } from '../shared/relay/observe.ts'
import { type RelayDeps, relayBatch } from '../shared/relay/relay-batch.ts'

// Config is validated at init: a missing TOPIC_ARNS fails the cold start, naming the variable.
const config = { ...loadConfig(), ...loadRelayConfig() }
const logger = createLogger({ serviceName: config.serviceName })
const metrics = createMetrics({ namespace: config.metricsNamespace, serviceName: config.serviceName })
const deps: RelayDeps = {
  publisher: new SnsTopicPublisher(snsClient(config)),
  topicArnFor: topicArnResolver(config),
  source: config.eventSource,
}

const relay = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const outcome = await relayBatch(event.Records, deps)
  reportRelayOutcome(outcome, event.Records.length, logger, metrics)
  return outcome.response
}

/** Lambda handler for the events table's stream (ReportBatchItemFailures enabled on the mapping). */
export const handler = middy(relay).use(injectLambdaContext(logger)).use(logMetrics(metrics))
