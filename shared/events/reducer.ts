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
  /**
   * Names this fold for snapshots: change it whenever the fold changes, and snapshots made by the
   * old fold are ignored (and rebuilt). Without it the version is a hash of `initialState` and
   * `apply`'s own source, which misses helpers they call: a reducer delegating should declare one.
   */
  version?: string
  initialState(): S
  apply(state: S, event: FoldedEvent): S
}

/** When to keep a stream's state beside it, so a read folds from there instead of from version 1. */
export interface SnapshotPolicy {
  /** A snapshot at every multiple of this many events (`100`: at versions 100, 200, …). */
  every: number
}

/** Everything needed to fold a stream: the event types and the reducer per kind of stream. */
export interface DomainModel {
  registry: EventRegistry
  /** The reducer of a stream, chosen by its id (e.g. `order-*`), or undefined. */
  reducerFor(streamId: string): Reducer | undefined
  /** The snapshot policy of a stream, chosen by its id; undefined (or absent) for none. */
  snapshotPolicyFor?(streamId: string): SnapshotPolicy | undefined
}
