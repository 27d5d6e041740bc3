import type { Logger } from '@aws-lambda-powertools/logger'
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics'
import type { RelayOutcome } from './relay-batch.ts'

/** Names of the relay's metrics (CloudWatch EMF), one data point each per stream batch. */
export const RelayMetricName = {
  /** Events published to their topic. */
  EventsRelayed: 'EventsRelayed',
  /** Events (or malformed records) not published; the batch is retried from the earliest of them. */
  RelayFailures: 'RelayFailures',
  /** Records ignored: MODIFY/REMOVE and idempotency guards. */
  RecordsSkipped: 'RecordsSkipped',
} as const

/** Logs one line per stream batch (an error line listing the failures, if any) and adds the metrics. */
export function reportRelayOutcome(
  outcome: RelayOutcome,
  records: number,
  logger: Logger,
  metrics: Metrics,
): void {
  metrics.addMetric(RelayMetricName.EventsRelayed, MetricUnit.Count, outcome.published)
  metrics.addMetric(RelayMetricName.RelayFailures, MetricUnit.Count, outcome.failures.length)
  metrics.addMetric(RelayMetricName.RecordsSkipped, MetricUnit.Count, outcome.skipped)
  const summary = {
    records,
    published: outcome.published,
    skipped: outcome.skipped,
    failed: outcome.failures.length,
    retryFrom: outcome.response.batchItemFailures[0]?.itemIdentifier,
  }
  if (outcome.failures.length === 0) {
    logger.info('Stream batch relayed', summary)
    return
  }
  // Capped: a batch of up to 10,000 failed records would make one enormous log line.
  logger.error('Stream batch partly failed; retrying from the earliest failed record', {
    ...summary,
    failures: outcome.failures.slice(0, 20),
  })
}
