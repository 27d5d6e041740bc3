/**
 * The publish function (`POST /streams/{streamId}/events`) of a deployment, wired once per cold start
 * over the given registry. Environment: EVENTS_TABLE_NAME, AWS_REGION, POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_METRICS_NAMESPACE, AWS_ENDPOINT_URL_DYNAMODB (local runtime only).
 */
import { documentClient } from '../clients/dynamodb.ts'
import { loadEventStoreConfig } from '../config.ts'
import type { EventRegistry } from '../events/registry.ts'
import { createPublishHandler } from '../http/publish/publish-handler.ts'
import { loadObservabilityConfig } from '../observability/config.ts'
import { createLogger } from '../observability/logger.ts'
import { createMetrics } from '../observability/metrics.ts'
import { DynamoDBEventStorage } from '../store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../store/event-store.ts'

/** The publish handler for `registry`'s event types; reads and checks its config at once. */
export function publishFunction(registry: EventRegistry) {
  const config = loadEventStoreConfig()
  const { serviceName, metricsNamespace } = loadObservabilityConfig()
  return createPublishHandler({
    store: new EventStore({
      storage: new DynamoDBEventStorage({
        client: documentClient(config),
        tableName: config.eventsTableName,
        timeIndexShards: config.timeIndexShards,
      }),
      registry,
    }),
    registry,
    logger: createLogger({ serviceName }),
    metrics: createMetrics({ namespace: metricsNamespace, serviceName }),
  })
}
