import * as z from 'zod/mini'
import type { DomainModel } from '../../events/reducer.ts'
import type { EventStore } from '../../store/event-store.ts'
import { loadState } from '../../store/load-state.ts'
import type { HttpHandler } from '../http-stack.ts'
import { positiveIntQuery } from '../params.ts'
import { jsonResponse } from '../response.ts'

/** Query of `GET /streams/{streamId}`. */
export const readStateQuery = z.object({ atVersion: positiveIntQuery() })

/**
 * `GET /streams/{streamId}?atVersion=N`: the stream's state folded by its reducer, as of version N
 * (default the head). Unknown streams and streams without a reducer are 404 (mapped from the
 * store's typed errors).
 */
export const readState =
  (deps: { store: EventStore; domain: DomainModel }): HttpHandler =>
  async (event) => {
    const { streamId } = event.pathParameters as { streamId: string }
    const { atVersion } = event.queryStringParameters as z.output<typeof readStateQuery>
    const loaded = await loadState(deps.store, deps.domain, streamId, atVersion)
    return jsonResponse(200, { streamId: loaded.streamId, version: loaded.version, state: loaded.state })
  }
