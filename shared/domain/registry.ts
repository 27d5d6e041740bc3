/**
 * The project's domain: every event type, and which reducer folds which stream. Forks add their
 * event types to the list and their stream kinds to the prefix table.
 */
import { EventRegistry } from '../events/registry.ts'
import { orderEventTypes } from './order/events.ts'
import { orderReducer } from './order/reducer.ts'
import type { DomainModel, Reducer } from './reducer.ts'

/** All event types the deployment accepts. */
export const registry = new EventRegistry([...orderEventTypes])

/** Stream id prefix → reducer of that kind of stream. */
const reducersByPrefix: ReadonlyArray<readonly [prefix: string, reducer: Reducer]> = [
  ['order-', orderReducer as Reducer],
]

/** The reducer folding `streamId`, by its prefix (`order-42` → the order reducer), or undefined. */
export function reducerFor(streamId: string): Reducer | undefined {
  return reducersByPrefix.find(([prefix]) => streamId.startsWith(prefix))?.[1]
}

/** The domain model to pass to `loadState`. */
export const domain: DomainModel = { registry, reducerFor }
