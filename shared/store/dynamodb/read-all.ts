/**
 * Cross-stream reads by time (replay): the `byTime` index is read one UTC day at a time, each day's
 * shards merged into one ordered sequence (`read-day.ts`), so history is never scanned whole and
 * each query stays within one partition. Where history begins and how the index is sharded come
 * from the history marker (`history-marker.ts`), read once per read and carried by the cursor.
 */
import type { TimeRange } from '../event-storage.ts'
import type { ReadAllResult, StoredEvent } from '../types.ts'
import type { StoreContext } from './context.ts'
import { type HistoryMarker, readHistoryMarker } from './history-marker.ts'
import { type ReadAhead, readAheadKey } from './read-ahead.ts'
import { readDay } from './read-day.ts'
import {
  type DecodedCursor,
  decodeTimeCursor,
  encodeTimeCursor,
  FOREVER,
  type IndexLayout,
  nextDay,
  type TimeCursor,
} from './time-cursor.ts'
import { dayOf } from './time-index.ts'

/**
 * Days read per call at most: a long, sparse range returns a (possibly empty) page with a cursor
 * instead of holding a Lambda invocation for hundreds of empty days.
 */
export const MAX_DAYS_PER_READ = 31

/** What a time read needs: the table, and what earlier pages of this process read ahead. */
export interface ReadContext extends StoreContext {
  readAhead: ReadAhead
}

export async function readAll(ctx: ReadContext, range: TimeRange): Promise<ReadAllResult> {
  const { to, limit } = range
  const start = await startOf(ctx, range)
  if (start === undefined) return { events: [] }
  const from = range.from ?? `${start.day}T00:00:00.000Z`
  if (from >= to) return { events: [] }
  // `to` is exclusive: the last day to read is the day of the instant just before it.
  const lastDay = dayOf(new Date(Date.parse(to) - 1).toISOString())
  const events: StoredEvent[] = []
  let cursor = start
  for (let days = 0; cursor.day <= lastDay; days++) {
    if (days === MAX_DAYS_PER_READ) return { events, cursor: encodeTimeCursor(cursor) }
    const resume =
      days === 0 && range.cursor ? ctx.readAhead.take(readAheadKey(range.cursor, range)) : undefined
    const bounds = { from, to, types: range.types }
    const read = await readDay(ctx, cursor, bounds, limit - events.length, resume)
    events.push(...read.events.map((e) => e.event))
    const last = read.events.at(-1)
    cursor = read.done
      ? { ...layoutOf(cursor), day: nextDay(cursor.day) }
      : { ...cursor, after: last?.key ?? '' }
    if (events.length >= limit) {
      if (cursor.day > lastDay) return { events }
      const next = encodeTimeCursor(cursor)
      if (!read.done) ctx.readAhead.keep(readAheadKey(next, range), read.parts)
      return { events, cursor: next }
    }
  }
  return { events }
}

/**
 * Where the read starts: the cursor's position, else the day of `from`, else (from the beginning)
 * the marker's first day; undefined when reading from the beginning a table that has no marker.
 */
async function startOf(ctx: StoreContext, range: TimeRange): Promise<TimeCursor | undefined> {
  const decoded: DecodedCursor | undefined = range.cursor ? decodeTimeCursor(range.cursor) : undefined
  if (decoded?.shards !== undefined && decoded.legacyUntil !== undefined) {
    return { ...decoded, shards: decoded.shards, legacyUntil: decoded.legacyUntil }
  }
  const marker = await readHistoryMarker(ctx)
  const layout = markerLayout(marker)
  if (decoded) return { ...decoded, ...layout }
  const day = range.from === undefined ? marker?.firstDay : dayOf(range.from)
  return day === undefined ? undefined : { ...layout, day }
}

/** No marker: no sharded write ever happened, every item holds the day-only key. */
function markerLayout(marker: HistoryMarker | undefined): IndexLayout {
  return { shards: marker?.shards ?? 0, legacyUntil: marker?.shardedSince ?? FOREVER }
}

function layoutOf(cursor: TimeCursor): IndexLayout {
  return { shards: cursor.shards, legacyUntil: cursor.legacyUntil }
}
