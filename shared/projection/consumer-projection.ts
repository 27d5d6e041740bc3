/** Makes a consumer a projection when its environment says so (`PROJECTION`, set from the declaration). */
import { documentClient } from '../clients/dynamodb.ts'
import type { ProjectionScope } from '../consumer/projection-scope.ts'
import type { ConsumerEnvironment } from '../consumer/runtime.ts'
import { loadOwnProjection } from './config.ts'
import { DynamoDBProjectionStateStore } from './dynamodb/state-store.ts'
import { projectionScope } from './follower.ts'

/** The projection scope of the consumer, or `undefined` when it is no projection. */
export function projectionOf(environment: ConsumerEnvironment): ProjectionScope | undefined {
  const own = loadOwnProjection(environment.env)
  // Named, so one environment can serve several consumers (the bench runs them in one process).
  if (own === undefined || own.name !== environment.consumer) return undefined
  const store = new DynamoDBProjectionStateStore(documentClient(environment.config))
  return projectionScope(store, {
    projection: environment.consumer,
    tableName: own.tableName,
    keys: own.keys,
  })
}
