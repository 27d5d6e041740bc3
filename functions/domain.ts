/**
 * The domains this deployment carries, wired into the framework: every event type, and which reducer
 * folds which stream. The publish, read and replay entry points and the consumers import it; adding a
 * domain adds its event types to the list and its stream kinds to the prefix table.
 */

import { type OrderEvents, orderEventTypes } from '../shared/domain/order/events.ts'
import { orderReducer } from '../shared/domain/order/reducer.ts'
import type { DomainModel, Reducer } from '../shared/events/reducer.ts'
import { EventRegistry } from '../shared/events/registry.ts'

/** All event types the deployment accepts. */
export const registry = new EventRegistry([...orderEventTypes])

/** The same, as types: type → newest data, for typed publishers (`createBackboneClient<DomainEvents>`). */
export type DomainEvents = OrderEvents

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
