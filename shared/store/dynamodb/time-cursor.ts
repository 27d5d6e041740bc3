/**
 * The opaque cursor of `readAll`: the day being read, mid-day the index sort key of the last event
 * returned (one key for every shard: the sort key orders events across shards), and the layout of
 * the index the read started with. base64url JSON, so callers can pass it through query strings.
 */
import { ValidationError } from '../../errors.ts'

/** Which partitions of a day hold events: the shards, and the day-only key of pre-sharding items. */
export interface IndexLayout {
  /** Shards 0..shards-1 of every day (0 before any sharded write). */
  shards: number
  /** Last day whose day-only partition is read too (`FOREVER` when any day may hold such items). */
  legacyUntil: string
}

/** A day after every real one (`YYYY-MM-DD` strings compare as dates). */
export const FOREVER = '9999-12-31'

export interface TimeCursor extends IndexLayout {
  /** `YYYY-MM-DD` day to continue from. */
  day: string
  /** Resume after the event with this `timeKey`, or from the day's start when absent. */
  after?: string
}

/** A cursor as decoded: one issued before sharding carries no layout (read the marker for it). */
export type DecodedCursor = Omit<TimeCursor, keyof IndexLayout> & Partial<IndexLayout>

export function encodeTimeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

export function decodeTimeCursor(cursor: string): DecodedCursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>
    const { day, shards, legacyUntil } = value
    // Cursors issued before sharding held the whole index key of the last item in `after`.
    const after =
      typeof value.after === 'object' ? (value.after as { timeKey?: unknown })?.timeKey : value.after
    const dayValid = typeof day === 'string' && DAY.test(day)
    const afterValid = after === undefined || typeof after === 'string'
    const layoutValid =
      (shards === undefined && legacyUntil === undefined) ||
      (Number.isInteger(shards) && typeof legacyUntil === 'string' && DAY.test(legacyUntil))
    if (dayValid && afterValid && layoutValid) {
      return {
        day,
        ...(after === undefined ? {} : { after }),
        ...(shards === undefined ? {} : { shards: shards as number, legacyUntil: legacyUntil as string }),
      }
    }
  } catch {
    // reported below
  }
  throw new ValidationError('Invalid cursor', [
    { path: 'cursor', message: 'not a cursor from a previous page' },
  ])
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The next UTC day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)
}
