/**
 * Reads the events a replay covers, one page at a time, from a cursor: through the store's time
 * index (never a table scan) or stream by stream when the filter lists stream ids. Each event comes
 * with the cursor just after it, so the job can checkpoint after any batch.
 */
import { type EventStore, MAX_READ_LIMIT, type StoredEvent } from '../store/event-store.ts'
import type { ReplayCursor, ReplayFilter } from './types.ts'

/**
 * Events per page: the store's maximum. A query's fixed cost is most of a small page's, so 1000
 * reads ~4× cheaper per event than 100; re-reading one page on resume (skipping what was sent) still
 * costs little next to sending it.
 */
export const PAGE_SIZE = MAX_READ_LIMIT

/**
 * Events in the first page an invocation reads: the sends cannot start before it is in, and a full
 * page takes ~7× as long to read as this one; the pages after it grow to {@link PAGE_SIZE} while
 * the batches already read are sent.
 */
export const FIRST_PAGE_SIZE = 100

/**
 * How many events to read for a page at `cursor`, `size` being the reader's current page size. A
 * cursor in the middle of a page (a resumed job) re-reads that page whole, at {@link PAGE_SIZE}: its
 * `skip` counts into a page read with some earlier size, at most PAGE_SIZE, and a shorter read would
 * end before the skip, making the next page start too early and re-send events.
 */
export function pageLimitAt(cursor: ReplayCursor, size: number): number {
  return cursor.kind === 'time' && cursor.skip > 0 ? PAGE_SIZE : size
}

/** One page: matching events with the cursor after each, and where the next page starts. */
export interface SourcePage {
  items: Array<{ event: StoredEvent; after: ReplayCursor }>
  /** Absent when the page was the last. */
  next?: ReplayCursor
}

/** Where a new job starts. */
export function initialCursor(filter: ReplayFilter): ReplayCursor {
  return filter.streamIds ? { kind: 'streams', stream: 0, fromVersion: 1 } : { kind: 'time', skip: 0 }
}

/** Reads the page at `cursor`: up to `limit` events (see {@link pageLimitAt}). */
export function readPage(
  store: EventStore,
  filter: ReplayFilter,
  cursor: ReplayCursor,
  limit: number = PAGE_SIZE,
): Promise<SourcePage> {
  return cursor.kind === 'time'
    ? readTimePage(store, filter, cursor, limit)
    : readStreamPage(store, filter, cursor, limit)
}

async function readTimePage(
  store: EventStore,
  filter: ReplayFilter,
  cursor: Extract<ReplayCursor, { kind: 'time' }>,
  limit: number,
): Promise<SourcePage> {
  const page = await store.readAll({
    // No `from`: the store starts at its oldest event.
    ...(filter.from ? { from: filter.from } : {}),
    to: filter.to as string,
    ...(filter.types ? { types: filter.types } : {}),
    ...(cursor.page ? { cursor: cursor.page } : {}),
    limit,
  })
  const at = (skip: number): ReplayCursor => ({
    kind: 'time',
    ...(cursor.page ? { page: cursor.page } : {}),
    skip,
  })
  const items = page.events.map((event, i) => ({ event, after: at(i + 1) })).slice(cursor.skip)
  return page.cursor ? { items, next: { kind: 'time', page: page.cursor, skip: 0 } } : { items }
}

async function readStreamPage(
  store: EventStore,
  filter: ReplayFilter,
  cursor: Extract<ReplayCursor, { kind: 'streams' }>,
  limit: number,
): Promise<SourcePage> {
  const streamIds = filter.streamIds ?? []
  const streamId = streamIds[cursor.stream]
  if (streamId === undefined) return { items: [] }
  const page = await store.readStream(streamId, { fromVersion: cursor.fromVersion, limit })
  const after = (version: number): ReplayCursor => ({
    kind: 'streams',
    stream: cursor.stream,
    fromVersion: version + 1,
  })
  const items = page.events
    .filter((e) => inFilter(e, filter))
    .map((event) => ({ event, after: after(event.version) }))
  if (page.nextVersion !== undefined) {
    return { items, next: { kind: 'streams', stream: cursor.stream, fromVersion: page.nextVersion } }
  }
  if (cursor.stream + 1 < streamIds.length) {
    return { items, next: { kind: 'streams', stream: cursor.stream + 1, fromVersion: 1 } }
  }
  return { items }
}

/** Type and time filters of a stream read (the time index applies them itself). */
function inFilter(event: StoredEvent, filter: ReplayFilter): boolean {
  if (filter.types && !filter.types.includes(event.type)) return false
  if (filter.from && event.time < filter.from) return false
  if (filter.to && event.time >= filter.to) return false
  return true
}
