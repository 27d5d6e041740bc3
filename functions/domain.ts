/**
 * The domains this deployment carries, wired into the framework: every event type, and which reducer
 * folds which stream. The publish, read and replay entry points and the consumers import it; adding a
 * domain adds its event types to the list and its stream kinds to the prefix table.
 */

import { type OrderEvents, orderEventTypes } from '../shared/domain/order/events.ts'
import { orderReducer } from '../shared/domain/order/reducer.ts'
import type { DomainModel, Reducer, SnapshotPolicy } from '../shared/events/reducer.ts'
import { EventRegistry } from '../shared/events/registry.ts'

/** All event types the deployment accepts. */
export const registry = new EventRegistry([...orderEventTypes])

/** The same, as types: type → newest data, for typed publishers (`createBackboneClient<DomainEvents>`). */
export type DomainEvents = OrderEvents

/** A kind of stream: its id prefix, its reducer and, optionally, when to snapshot its state. */
interface StreamKind {
  prefix: string
  reducer: Reducer
  snapshots?: SnapshotPolicy
}

/** Stream id prefix → reducer of that kind of stream. */
const streamKinds: readonly StreamKind[] = [
  // Every 100 events: a state read then folds at most 99 events, one page of the store.
  { prefix: 'order-', reducer: orderReducer as Reducer, snapshots: { every: 100 } },
]

const kindOf = (streamId: string) => streamKinds.find(({ prefix }) => streamId.startsWith(prefix))

/** The reducer folding `streamId`, by its prefix (`order-42` → the order reducer), or undefined. */
export function reducerFor(streamId: string): Reducer | undefined {
  return kindOf(streamId)?.reducer
}

/** The snapshot policy of `streamId`'s kind of stream, or undefined. */
export function snapshotPolicyFor(streamId: string): SnapshotPolicy | undefined {
  return kindOf(streamId)?.snapshots
}

/** The domain model to pass to `loadState`. */
export const domain: DomainModel = { registry, reducerFor, snapshotPolicyFor }
