import type { Logger } from '@aws-lambda-powertools/logger'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import type { Metrics } from '@aws-lambda-powertools/metrics'
import middy, { type MiddyfiedHandler } from '@middy/core'
import httpHeaderNormalizer from '@middy/http-header-normalizer'
import httpSecurityHeaders from '@middy/http-security-headers'
import type { RejectedMetricName } from '../observability/metrics.ts'
import { authorizeScopes } from './middleware/authorize-scopes.ts'
import { bodySizeLimit } from './middleware/body-size-limit.ts'
import { correlation } from './middleware/correlation.ts'
import { flushMetrics } from './middleware/flush-metrics.ts'
import { jsonBody } from './middleware/json-body.ts'
import { problemDetails } from './middleware/problem-details.ts'
import { type RequestSchemas, validateRequest } from './middleware/validate-request.ts'
import type { HttpContext, HttpEvent, HttpResult } from './types.ts'

/** What an HTTP function's middleware stack needs. */
export interface HttpStackOptions {
  logger: Logger
  metrics: Metrics
  /** Metric counting this function's rejected requests. */
  rejectedMetric: RejectedMetricName
  /** Parse a JSON body (size limit, content type, JSON syntax); off for GET-only functions. */
  jsonBody?: boolean
  /** Schemas of the path, query and body (see {@link validateRequest}). */
  schemas?: RequestSchemas
}

/** The handler an HTTP function implements: it sees a validated event and returns a response. */
export type HttpHandler = (event: HttpEvent, context: HttpContext) => Promise<HttpResult>

/**
 * Wraps a handler in the HTTP middleware stack. Registration order matters: middy runs `before`
 * in order and `after`/`onError` in reverse, so the problem mapper (last registered) turns an error
 * into a response first, and security headers, correlation echo and metrics then see that response.
 *
 * @example
 * export const handler = httpStack(readState(deps), { logger, metrics, rejectedMetric: 'ReadRejected' })
 */
export const httpStack = (
  handler: HttpHandler,
  opts: HttpStackOptions,
): MiddyfiedHandler<HttpEvent, HttpResult, unknown, HttpContext> => {
  const stack = middy<HttpEvent, HttpResult, unknown, HttpContext>(handler)
    .use(injectLambdaContext(opts.logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(correlation({ logger: opts.logger }))
    .use(httpSecurityHeaders({ permissionsPolicy: false, reportTo: false }))
    .use(flushMetrics({ metrics: opts.metrics, rejectedMetric: opts.rejectedMetric }))
    .use(problemDetails({ logger: opts.logger }))
    .use(authorizeScopes())
  if (opts.jsonBody) stack.use(bodySizeLimit()).use(jsonBody())
  if (opts.schemas) stack.use(validateRequest(opts.schemas))
  return stack
}
