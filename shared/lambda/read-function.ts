/**
 * The read function of a deployment (`GET /streams/{streamId}/events`, `GET /streams/{streamId}` and
 * the HTTP API's `$default` route, where unknown routes answer a 404 problem), wired once per cold
 * start over the given domain model. Environment as the publish function's.
 */
import { documentClient } from '../clients/dynamodb.ts'
import { loadEventStoreConfig } from '../config.ts'
import type { DomainModel } from '../events/reducer.ts'
import { createReadHandler } from '../http/read/read-handler.ts'
import { loadObservabilityConfig } from '../observability/config.ts'
import { createLogger } from '../observability/logger.ts'
import { createMetrics } from '../observability/metrics.ts'
import { loadProjections } from '../projection/config.ts'
import { DynamoDBProjectionStateStore } from '../projection/dynamodb/state-store.ts'
import { type DocumentKeys, ProjectionReader } from '../projection/reader.ts'
import { DynamoDBEventStorage } from '../store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../store/event-store.ts'

/**
 * The read handler folding streams with `domain`'s reducers and serving the projections `documents`
 * can address; reads and checks its config at once.
 */
export function readFunction(domain: DomainModel, documents: DocumentKeys = {}) {
  const { registry } = domain
  const config = loadEventStoreConfig()
  const { serviceName, metricsNamespace } = loadObservabilityConfig()
  const client = documentClient(config)
  return createReadHandler({
    projections: new ProjectionReader({
      client,
      projections: loadProjections(),
      keys: documents,
      states: new DynamoDBProjectionStateStore(client),
    }),
    store: new EventStore({
      storage: new DynamoDBEventStorage({
        client,
        tableName: config.eventsTableName,
      }),
      registry,
    }),
    domain,
    logger: createLogger({ serviceName }),
    metrics: createMetrics({ namespace: metricsNamespace, serviceName }),
  })
}
