/**
 * Event sourcing's read side: a stream's state is its events, upcast to the newest schemas,
 * folded by the stream's reducer, from the nearest snapshot at or below the version asked for
 * when the stream's kind has a snapshot policy.
 */

import { NoReducerError, StreamNotFoundError } from '../errors.ts'
import type { DomainModel, Reducer, SnapshotPolicy } from '../events/reducer.ts'
import type { EventStore } from './event-store.ts'
import { assertValidStreamId } from './rules.ts'
import { fitsSnapshot, reducerVersionOf, type Snapshot } from './snapshot.ts'

export interface LoadedState<S = unknown> {
  streamId: string
  /** Version of the last event folded in. */
  version: number
  state: S
}

export interface LoadStateOptions {
  /**
   * Told of a snapshot write that failed; the read goes on regardless (a snapshot is a cache).
   * Default: the failure is ignored.
   */
  onSnapshotWriteError?: (error: unknown) => void
}

/**
 * Folds `streamId` up to `atVersion` (inclusive; default the head).
 * Throws {@link StreamNotFoundError} if the stream has no events (or `atVersion` < 1), and
 * {@link NoReducerError} if the domain has no reducer for this kind of stream.
 *
 * With a snapshot policy (`domain.snapshotPolicyFor`), it starts from the latest snapshot at or
 * below `atVersion` and, when the fold passed a multiple of `every` past that snapshot, keeps the
 * state there as a new snapshot: lazily, off the publish path, and never failing the read.
 */
export async function loadState(
  store: EventStore,
  domain: DomainModel,
  streamId: string,
  atVersion?: number,
  opts: LoadStateOptions = {},
): Promise<LoadedState> {
  assertValidStreamId(streamId)
  const reducer = domain.reducerFor(streamId)
  if (!reducer) throw new NoReducerError(streamId)
  const policy = domain.snapshotPolicyFor?.(streamId)
  const reducerVersion = policy && reducerVersionOf(reducer)
  const snapshot =
    reducerVersion === undefined || (atVersion !== undefined && atVersion < 1)
      ? undefined
      : await store.readSnapshot(streamId, reducerVersion, atVersion ?? Number.MAX_SAFE_INTEGER)
  const folded = await fold(store, domain, reducer, streamId, atVersion, snapshot, policy)
  if (folded.version === 0) throw new StreamNotFoundError(streamId)
  if (reducerVersion !== undefined && folded.due) {
    await keepSnapshot(store, { streamId, reducerVersion, ...folded.due }, opts)
  }
  return { streamId, version: folded.version, state: folded.state }
}

/** The fold from `snapshot` (or version 1), and the state at the last multiple of `every` passed. */
async function fold(
  store: EventStore,
  domain: DomainModel,
  reducer: Reducer,
  streamId: string,
  atVersion: number | undefined,
  snapshot: Snapshot | undefined,
  policy: SnapshotPolicy | undefined,
) {
  let state = snapshot ? snapshot.state : reducer.initialState()
  let version = snapshot?.version ?? 0
  // Reducers never mutate their state, so holding on to one costs nothing.
  let due: { version: number; state: unknown } | undefined
  let fromVersion: number | undefined = version + 1
  while (fromVersion !== undefined) {
    const page = await store.readStream(streamId, { fromVersion, toVersion: atVersion })
    for (const event of page.events) {
      const { data } = domain.registry.upcast(event.type, event.schemaVersion, event.data)
      state = reducer.apply(state, { ...event, data })
      version = event.version
      if (policy && version % policy.every === 0) due = { version, state }
    }
    fromVersion = page.nextVersion
  }
  return { state, version, due }
}

// Awaited, not left running: Lambda freezes the process after the answer, and a write cut off
// there would land (or not) at the next invocation's expense.
async function keepSnapshot(store: EventStore, snapshot: Snapshot, opts: LoadStateOptions): Promise<void> {
  // Too large for one item: the stream is folded in full on each read instead.
  if (!fitsSnapshot(snapshot.state)) return
  try {
    await store.writeSnapshot(snapshot)
  } catch (error) {
    opts.onSnapshotWriteError?.(error)
  }
}
