import type { EventRegistry } from './registry.ts'

/** The part of a stored event a reducer sees: data already upcast to the newest schema. */
export interface FoldedEvent {
  streamId: string
  version: number
  type: string
  data: unknown
  time: string
}

/**
 * A pure fold of one kind of stream into its state. `apply` must not mutate `state`, and must
 * ignore event types it does not know (streams may gain types the reducer predates).
 */
export interface Reducer<S = unknown> {
  initialState(): S
  apply(state: S, event: FoldedEvent): S
}

/** Everything needed to fold a stream: the event types and the reducer per kind of stream. */
export interface DomainModel {
  registry: EventRegistry
  /** The reducer of a stream, chosen by its id (e.g. `order-*`), or undefined. */
  reducerFor(streamId: string): Reducer | undefined
}
