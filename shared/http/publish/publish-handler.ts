import type { Logger } from '@aws-lambda-powertools/logger'
import type { Metrics } from '@aws-lambda-powertools/metrics'
import type { EventRegistry } from '../../events/registry.ts'
import { HttpMetricName } from '../../observability/metrics.ts'
import type { EventStore } from '../../store/event-store.ts'
import { httpStack } from '../http-stack.ts'
import { streamIdPath } from '../params.ts'
import { publishEvents } from './publish-events.ts'
import { publishBodySchema } from './publish-request.ts'

/** Everything the publish function is built from (made once per cold start by `functions/publish.ts`). */
export interface PublishHandlerDeps {
  store: EventStore
  registry: Pick<EventRegistry, 'has'>
  logger: Logger
  metrics: Metrics
}

/** The Lambda handler of `POST /streams/{streamId}/events`, middleware included. */
export const createPublishHandler = (deps: PublishHandlerDeps) =>
  httpStack(publishEvents(deps), {
    logger: deps.logger,
    metrics: deps.metrics,
    rejectedMetric: HttpMetricName.PublishRejected,
    jsonBody: true,
    schemas: { pathParameters: streamIdPath, body: publishBodySchema(deps.registry) },
  })
