import * as z from 'zod/mini'
import type { EventRegistry } from '../../events/registry.ts'
import { type EventStore, MAX_READ_LIMIT, type StoredEvent } from '../../store/event-store.ts'
import { NotFoundError } from '../errors.ts'
import type { HttpHandler } from '../http-stack.ts'
import { positiveIntQuery } from '../params.ts'
import { jsonResponse } from '../response.ts'

/** Page size when the client does not ask for one. */
export const DEFAULT_PAGE_SIZE = 100

/**
 * Bytes of events per response. Lambda's synchronous response is capped at 6 MB and one event can
 * be ~250 KB, so a page is cut short (with a `next` link) before it could reach the cap.
 */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024

/** Query of `GET /streams/{streamId}/events`. */
export const readEventsQuery = z.object({
  fromVersion: positiveIntQuery(),
  limit: positiveIntQuery(MAX_READ_LIMIT),
})

/** What the read handlers need. */
export interface ReadDeps {
  store: EventStore
  registry: Pick<EventRegistry, 'upcast'>
}

/** Events as clients read them: data upcast to the newest schema of its type, like consumers see it. */
const present = (registry: ReadDeps['registry'], event: StoredEvent) => {
  const { schemaVersion, data } = registry.upcast(event.type, event.schemaVersion, event.data)
  const { id, version, type, time, metadata } = event
  return { id, version, type, schemaVersion, time, data, metadata }
}

/** Keeps whole events up to {@link MAX_PAGE_BYTES}; returns the version to continue from if cut. */
const fitPage = <T extends { version: number }>(events: T[]): { page: T[]; cutAt?: number } => {
  let bytes = 0
  for (const [i, event] of events.entries()) {
    bytes += Buffer.byteLength(JSON.stringify(event))
    if (bytes > MAX_PAGE_BYTES && i > 0) return { page: events.slice(0, i), cutAt: event.version }
  }
  return { page: events }
}

/**
 * `GET /streams/{streamId}/events?fromVersion=&limit=`: one page of the stream in version order,
 * with `nextVersion` and a `next` link (also as a `Link` header) while more may follow. A stream
 * without events is 404; reading past the head of an existing stream is an empty 200 page.
 */
export const readEvents =
  (deps: ReadDeps): HttpHandler =>
  async (event) => {
    const { streamId } = event.pathParameters as { streamId: string }
    const query = event.queryStringParameters as z.output<typeof readEventsQuery>
    const fromVersion = query.fromVersion ?? 1
    const limit = query.limit ?? DEFAULT_PAGE_SIZE
    const result = await deps.store.readStream(streamId, { fromVersion, limit })
    if (result.events.length === 0 && !(await exists(deps.store, streamId))) {
      throw new NotFoundError(`Stream ${streamId} has no events.`)
    }
    const { page, cutAt } = fitPage(result.events.map((e) => present(deps.registry, e)))
    const nextVersion = cutAt ?? result.nextVersion
    if (nextVersion === undefined) return jsonResponse(200, { streamId, events: page })
    const next = `/streams/${encodeURIComponent(streamId)}/events?fromVersion=${nextVersion}&limit=${limit}`
    return jsonResponse(200, { streamId, events: page, nextVersion, next }, { link: `<${next}>; rel="next"` })
  }

const exists = async (store: EventStore, streamId: string): Promise<boolean> =>
  (await store.readStream(streamId, { fromVersion: 1, limit: 1 })).events.length > 0
