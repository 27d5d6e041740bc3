import type { Logger } from '@aws-lambda-powertools/logger'
import type { MiddlewareObj } from '@middy/core'
import { problemResponse } from '../problem.ts'
import { toProblem } from '../problem-mapping.ts'
import type { HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'

/**
 * Turns any error into an RFC 9457 problem details response through `toProblem`, the one mapping
 * place. Client errors are logged at info level with their problem type; anything that maps to a
 * 5xx is logged at error level with the full error, which never reaches the client.
 */
export const problemDetails = (opts: {
  logger: Logger
}): MiddlewareObj<HttpEvent, HttpResult | undefined, unknown, HttpContext, HttpInternal> => ({
  onError: (request) => {
    const correlationId = request.internal.correlation?.correlationId ?? request.context.awsRequestId ?? ''
    const instance = request.event.rawPath ?? request.event.requestContext?.http?.path ?? ''
    const problem = toProblem(request.error, instance, correlationId)
    if (problem.status >= 500) {
      opts.logger.error('Request failed', { error: request.error as Error, status: problem.status })
    } else {
      opts.logger.info('Request rejected', { status: problem.status, problemType: problem.type })
    }
    request.response = problemResponse(problem)
  },
})
