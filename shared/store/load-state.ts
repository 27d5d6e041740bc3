/**
 * Event sourcing's read side: a stream's state is its events, upcast to the newest schemas,
 * folded by the stream's reducer.
 */

import { NoReducerError, StreamNotFoundError } from '../errors.ts'
import type { DomainModel } from '../events/reducer.ts'
import type { EventStore } from './event-store.ts'
import { assertValidStreamId } from './rules.ts'

export interface LoadedState<S = unknown> {
  streamId: string
  /** Version of the last event folded in. */
  version: number
  state: S
}

/**
 * Folds `streamId` up to `atVersion` (inclusive; default the head).
 * Throws {@link StreamNotFoundError} if the stream has no events (or `atVersion` < 1), and
 * {@link NoReducerError} if the domain has no reducer for this kind of stream.
 */
export async function loadState(
  store: EventStore,
  domain: DomainModel,
  streamId: string,
  atVersion?: number,
): Promise<LoadedState> {
  assertValidStreamId(streamId)
  const reducer = domain.reducerFor(streamId)
  if (!reducer) throw new NoReducerError(streamId)
  let state = reducer.initialState()
  let version = 0
  let fromVersion: number | undefined = 1
  while (fromVersion !== undefined) {
    const page = await store.readStream(streamId, { fromVersion, toVersion: atVersion })
    for (const event of page.events) {
      const { data } = domain.registry.upcast(event.type, event.schemaVersion, event.data)
      state = reducer.apply(state, { ...event, data })
      version = event.version
    }
    fromVersion = page.nextVersion
  }
  if (version === 0) throw new StreamNotFoundError(streamId)
  return { streamId, version, state }
}
