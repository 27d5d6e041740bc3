import type { Logger } from '@aws-lambda-powertools/logger'
import type { Metrics } from '@aws-lambda-powertools/metrics'
import middy from '@middy/core'
import httpRouterHandler from '@middy/http-router'
import type { DomainModel } from '../../events/reducer.ts'
import { HttpMetricName } from '../../observability/metrics.ts'
import type { ProjectionReader } from '../../projection/reader.ts'
import type { EventStore } from '../../store/event-store.ts'
import { NotFoundError } from '../errors.ts'
import { type HttpHandler, httpStack } from '../http-stack.ts'
import { type RequestSchemas, validateRequest } from '../middleware/validate-request.ts'
import { streamIdPath } from '../params.ts'
import type { HttpContext, HttpEvent, HttpResult } from '../types.ts'
import { readEvents, readEventsQuery } from './read-events.ts'
import { projectionPath, readProjection } from './read-projection.ts'
import { readState, readStateQuery } from './read-state.ts'

/** Everything the read function is built from (made once per cold start by `functions/read.ts`). */
export interface ReadHandlerDeps {
  store: EventStore
  domain: DomainModel
  logger: Logger
  metrics: Metrics
  /** Serves `GET /projections/{projection}/{key}` (without it, every projection is a 404). */
  projections?: ProjectionReader
}

// Each route validates its own parameters: the router fills `pathParameters` only when it matches.
const route = (handler: HttpHandler, schemas: RequestSchemas) =>
  middy<HttpEvent, HttpResult, unknown, HttpContext>(handler).use(validateRequest(schemas))

/**
 * The Lambda handler of the read routes, routed with `@middy/http-router`. It also serves the HTTP
 * API's `$default` route, so any unknown route gets a 404 problem rather than API Gateway's bare 404.
 */
export const createReadHandler = (deps: ReadHandlerDeps) => {
  // `never`: the router's types only know raw API Gateway events, not ones whose body and
  // parameters our middleware has already replaced with parsed values.
  const router = httpRouterHandler<never, never>({
    routes: [
      {
        method: 'GET',
        path: '/streams/{streamId}/events',
        handler: route(readEvents({ store: deps.store, registry: deps.domain.registry }), {
          pathParameters: streamIdPath,
          queryStringParameters: readEventsQuery,
        }) as never,
      },
      {
        method: 'GET',
        path: '/streams/{streamId}',
        handler: route(readState(deps), {
          pathParameters: streamIdPath,
          queryStringParameters: readStateQuery,
        }) as never,
      },
      {
        method: 'GET',
        path: '/projections/{projection}/{key}',
        handler: route(readProjection(deps), { pathParameters: projectionPath }) as never,
      },
    ],
    notFoundResponse: ({ method, path }) => {
      throw new NotFoundError(`There is no route ${method} ${path}.`)
    },
  })
  return httpStack(router as unknown as HttpHandler, {
    logger: deps.logger,
    metrics: deps.metrics,
    rejectedMetric: HttpMetricName.ReadRejected,
  })
}
