/**
 * The opaque cursor of `readAll`: the day being read and, mid-day, the index key of the last
 * event returned (DynamoDB's ExclusiveStartKey for the `byTime` index). base64url JSON, so callers
 * can pass it through query strings untouched.
 */
import { ValidationError } from '../../errors.ts'

export interface TimeCursor {
  /** `YYYY-MM-DD` day to continue from. */
  day: string
  /** Resume after this item (table and index keys), or from the day's start when absent. */
  after?: { streamId: string; version: number; timeBucket: string; timeKey: string }
}

export function encodeTimeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

export function decodeTimeCursor(cursor: string): TimeCursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as TimeCursor
    if (typeof value.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.day)) return value
  } catch {
    // reported below
  }
  throw new ValidationError('Invalid cursor', [
    { path: 'cursor', message: 'not a cursor from a previous page' },
  ])
}

/** The next UTC day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)
}
