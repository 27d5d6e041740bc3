import type { Logger } from '@aws-lambda-powertools/logger'
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
 * store's typed errors). A snapshot that could not be written is logged, never answered.
 */
export const readState =
  (deps: { store: EventStore; domain: DomainModel; logger: Pick<Logger, 'warn'> }): HttpHandler =>
  async (event) => {
    const { streamId } = event.pathParameters as { streamId: string }
    const { atVersion } = event.queryStringParameters as z.output<typeof readStateQuery>
    const onSnapshotWriteError = (error: unknown) =>
      deps.logger.warn('snapshot not written', {
        streamId,
        error: error instanceof Error ? error.message : String(error),
      })
    const loaded = await loadState(deps.store, deps.domain, streamId, atVersion, { onSnapshotWriteError })
    return jsonResponse(200, { streamId: loaded.streamId, version: loaded.version, state: loaded.state })
  }
