import { randomUUID } from 'node:crypto'
import type { Logger } from '@aws-lambda-powertools/logger'
import type { MiddlewareObj } from '@middy/core'
import { childTraceParent } from '../../observability/tracing.ts'
import type { Correlation, HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'

/** Header clients use to tie their requests to our logs and events. */
export const CORRELATION_HEADER = 'x-correlation-id'

// Printable, header- and log-safe, bounded: anything else is ignored rather than trusted.
const CORRELATION_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/

const correlationOf = (event: HttpEvent, context: HttpContext): Correlation => {
  const headers = event.headers ?? {}
  const requestId = event.requestContext?.requestId || context.awsRequestId || randomUUID()
  const requested = headers[CORRELATION_HEADER]
  return {
    correlationId: requested && CORRELATION_ID.test(requested) ? requested : requestId,
    causationId: requestId,
    traceparent: childTraceParent({
      traceparent: headers.traceparent,
      xAmznTraceId: headers['x-amzn-trace-id'],
    }),
  }
}

/**
 * Works out the request's correlation id, causation id and trace context, keeps them in
 * `request.internal.correlation` (and on `context.correlation` for the handler), appends the
 * correlation id to every log line, and echoes it in the response (also on errors).
 * Needs normalized (lower-case) headers.
 */
export const correlation = (opts: {
  logger: Logger
}): MiddlewareObj<HttpEvent, HttpResult | undefined, unknown, HttpContext, HttpInternal> => {
  const echo = (request: { internal: HttpInternal; response: HttpResult | null | undefined }) => {
    const id = request.internal.correlation?.correlationId
    if (!id || !request.response) return
    request.response.headers = { ...request.response.headers, [CORRELATION_HEADER]: id }
  }
  return {
    before: (request) => {
      const found = correlationOf(request.event, request.context)
      request.internal.correlation = found
      request.context.correlation = found
      opts.logger.setCorrelationId(found.correlationId)
    },
    after: echo,
    onError: echo,
  }
}
