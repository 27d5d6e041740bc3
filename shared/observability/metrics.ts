import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics'

/** Settings of a function's metrics, taken from config (`POWERTOOLS_METRICS_NAMESPACE`, service name). */
export interface MetricsOptions {
  namespace: string
  serviceName: string
}

/** Names of the metrics the HTTP functions emit (CloudWatch EMF). */
export const HttpMetricName = {
  /** Events appended by a 201 (counted per event, not per request). */
  EventsPublished: 'EventsPublished',
  /** Publish requests answered with a 4xx/5xx, split by a `status` dimension. */
  PublishRejected: 'PublishRejected',
  /** Read requests answered with a 4xx/5xx, split by a `status` dimension. */
  ReadRejected: 'ReadRejected',
} as const

/** The metrics that count rejected requests. */
export type RejectedMetricName = typeof HttpMetricName.PublishRejected | typeof HttpMetricName.ReadRejected

/** A Powertools Metrics instance (EMF to stdout), made once per function at init. */
export const createMetrics = ({ namespace, serviceName }: MetricsOptions): Metrics =>
  new Metrics({ namespace, serviceName })

/** Counts `count` published events on the shared metric set (flushed by the metrics middleware). */
export const recordEventsPublished = (metrics: Metrics, count: number): void => {
  metrics.addMetric(HttpMetricName.EventsPublished, MetricUnit.Count, count)
}

/**
 * Counts one rejected request by HTTP status. A single-metric set is used because a `status`
 * dimension on the shared set would also split every other metric of the request by status.
 */
export const recordRejected = (metrics: Metrics, name: RejectedMetricName, status: number): void => {
  const single = metrics.singleMetric()
  single.addDimension('status', String(status))
  single.addMetric(name, MetricUnit.Count, 1)
}
