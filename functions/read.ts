/**
 * `GET /streams/{streamId}/events`, `GET /streams/{streamId}` and the HTTP API's `$default` route
 * (unknown routes answer a 404 problem). Thin: wiring only, made once per cold start.
 * Environment: EVENTS_TABLE_NAME, AWS_REGION, POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE,
 * AWS_ENDPOINT_URL_DYNAMODB (local runtime only).
 */
import { documentClient } from '../shared/clients/dynamodb.ts'
import { loadEventStoreConfig } from '../shared/config.ts'
import { createReadHandler } from '../shared/http/read/read-handler.ts'
import { loadObservabilityConfig } from '../shared/observability/config.ts'
import { createLogger } from '../shared/observability/logger.ts'
import { createMetrics } from '../shared/observability/metrics.ts'
import { DynamoDBEventStorage } from '../shared/store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../shared/store/event-store.ts'
import { domain, registry } from './domain.ts'

const config = loadEventStoreConfig()
const { serviceName, metricsNamespace } = loadObservabilityConfig()

export const handler = createReadHandler({
  store: new EventStore({
    storage: new DynamoDBEventStorage({ client: documentClient(config), tableName: config.eventsTableName }),
    registry,
  }),
  domain,
  logger: createLogger({ serviceName }),
  metrics: createMetrics({ namespace: metricsNamespace, serviceName }),
})
