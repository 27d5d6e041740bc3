import type { Metrics } from '@aws-lambda-powertools/metrics'
import type { MiddlewareObj } from '@middy/core'
import { type RejectedMetricName, recordRejected } from '../../observability/metrics.ts'
import type { HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'

/**
 * Counts rejected requests (status ≥ 400, dimension `status`) and flushes the request's metrics
 * as one EMF line. Our own rather than Powertools' `logMetrics`, which logs a warning on every
 * request that recorded no metric (every successful read would print one).
 * Must be registered before `problemDetails`, so its onError sees the mapped status.
 */
export const flushMetrics = (opts: {
  metrics: Metrics
  rejectedMetric: RejectedMetricName
}): MiddlewareObj<HttpEvent, HttpResult | undefined, unknown, HttpContext, HttpInternal> => {
  const done = (request: { response: HttpResult | null | undefined }) => {
    const status = request.response?.statusCode ?? 500
    if (status >= 400) recordRejected(opts.metrics, opts.rejectedMetric, status)
    if (opts.metrics.hasStoredMetrics()) opts.metrics.publishStoredMetrics()
  }
  return { after: done, onError: done }
}
