/**
 * Mapping between stored events / idempotency guards and their items in the events table.
 */
import { versionToSequence } from '../../events/envelope.ts'
import type { StoredEvent } from '../event-store.ts'
import type { IdempotencyGuard } from '../idempotency.ts'
import { EventsTableSchema } from '../table-schema.ts'

/** An event's item. `timeBucket`/`timeKey` feed the `byTime` index; guards lack them (sparse index). */
export interface EventItem {
  streamId: string
  version: number
  eventId: string
  type: string
  schemaVersion: number
  data: unknown
  metadata: Record<string, string>
  time: string
  timeBucket: string
  timeKey: string
}

/**
 * Guards live in the events table so they can be written in the same transaction as the events.
 * Their `streamId` starts with `_`, which no real stream id can (see STREAM_ID_PATTERN): the relay
 * must skip such items, they are not events.
 */
export const GUARD_PREFIX = '_idempotency#'

/** The UTC day of an ISO time: the `byTime` partition. */
export function timeBucketOf(time: string): string {
  return time.slice(0, 10)
}

/** The `byTime` sort key: unique and ordered by time, then stream, then version. */
export function timeKeyOf(time: string, streamId: string, version: number): string {
  return `${time}#${streamId}#${versionToSequence(version)}`
}

export function toEventItem(e: StoredEvent): EventItem {
  return {
    streamId: e.streamId,
    version: e.version,
    eventId: e.id,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    time: e.time,
    timeBucket: timeBucketOf(e.time),
    timeKey: timeKeyOf(e.time, e.streamId, e.version),
  }
}

export function fromEventItem(item: Record<string, unknown>): StoredEvent {
  const i = item as unknown as EventItem
  return {
    streamId: i.streamId,
    version: Number(i.version),
    id: i.eventId,
    type: i.type,
    schemaVersion: Number(i.schemaVersion),
    data: i.data,
    metadata: i.metadata ?? {},
    time: i.time,
  }
}

/** The primary key of the guard of `key`. */
export function guardKey(key: string): { streamId: string; version: number } {
  return { streamId: `${GUARD_PREFIX}${key}`, version: 0 }
}

export function toGuardItem(g: IdempotencyGuard): Record<string, unknown> {
  return {
    ...guardKey(g.key),
    targetStreamId: g.streamId,
    requestHash: g.requestHash,
    firstVersion: g.firstVersion,
    lastVersion: g.lastVersion,
    [EventsTableSchema.ttlAttribute]: g.expiresAt,
  }
}

export function fromGuardItem(key: string, item: Record<string, unknown>): IdempotencyGuard {
  return {
    key,
    streamId: String(item.targetStreamId),
    requestHash: String(item.requestHash),
    firstVersion: Number(item.firstVersion),
    lastVersion: Number(item.lastVersion),
    expiresAt: Number(item[EventsTableSchema.ttlAttribute]),
  }
}
