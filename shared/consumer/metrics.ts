import type { Metrics } from '@aws-lambda-powertools/metrics'
import { MetricUnit } from '@aws-lambda-powertools/metrics'

/** Outcome of one record, logged as `outcome` and counted as a metric. */
export const RecordOutcome = {
  /** The handler ran and succeeded. */
  Processed: 'processed',
  /** The event was already handled by this consumer; the handler did not run. */
  Duplicate: 'duplicate',
  /** The record can never succeed and was moved to the DLQ. */
  Poisoned: 'poisoned',
  /** The record failed and will be retried. */
  Failed: 'failed',
} as const

export type RecordOutcome = (typeof RecordOutcome)[keyof typeof RecordOutcome]

/** CloudWatch metric names (EMF) per outcome. */
export const ConsumerMetricName = {
  processed: 'EventsProcessed',
  duplicate: 'EventsDuplicate',
  poisoned: 'EventsPoisoned',
  failed: 'EventsFailed',
} as const satisfies Record<RecordOutcome, string>

/** Counts one record's outcome on the invocation's metric set (flushed at the end of the invocation). */
export const countOutcome = (metrics: Metrics, outcome: RecordOutcome): void => {
  metrics.addMetric(ConsumerMetricName[outcome], MetricUnit.Count, 1)
}
