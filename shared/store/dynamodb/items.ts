/**
 * The item codec of the events table: stored events and idempotency guards to and from their items.
 * The one description of an event item, used by the adapter's reads and by the relay, which decodes
 * the table's stream images with it.
 */
import { MalformedEventItemError } from '../errors.ts'
import type { IdempotencyGuard } from '../idempotency.ts'
import type { Snapshot } from '../snapshot.ts'
import { EventsTableSchema } from '../table-schema.ts'
import type { StoredEvent } from '../types.ts'
import { timeBucketOf, timeKeyOf } from './time-index.ts'

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
 * Guards (and the history marker, `history-marker.ts`) live in the events table so they can be written in the same transaction as the events.
 * Their `streamId` starts with `_`, which no real stream id can (see STREAM_ID_PATTERN): the relay
 * must skip such items, they are not events.
 */
export const GUARD_PREFIX = '_idempotency#'

/**
 * Snapshots (`snapshot.ts`) live in the events table too, one partition per stream and reducer
 * version: `_snapshot#<streamId>#<reducerVersion>`, sorted by version. Stream ids hold no `#`, so
 * the key is unambiguous; a changed reducer reads another partition and never sees old snapshots.
 */
export const SNAPSHOT_PREFIX = '_snapshot#'

/** The prefix no stream id may start with: items under it are the store's own (guards), not events. */
const RESERVED_PREFIX = '_'

/** True for an item the store keeps beside the events (a guard): readers of the table skip it. */
export function isStoreItem(item: Record<string, unknown>): boolean {
  return typeof item.streamId === 'string' && item.streamId.startsWith(RESERVED_PREFIX)
}

/** The item of `e`, its time index key on the shard of its stream among `shards`. */
export function toEventItem(e: StoredEvent, shards: number): EventItem {
  return {
    streamId: e.streamId,
    version: e.version,
    eventId: e.id,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    time: e.time,
    timeBucket: timeBucketOf(e.time, e.streamId, shards),
    timeKey: timeKeyOf(e.time, e.streamId, e.version),
  }
}

const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0
const positiveInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0
const stringMap = (v: unknown) =>
  v === undefined ||
  (typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string'))

// Hand-written rather than a zod schema: it runs for every event read (replay reads thousands a
// second) and in the publish function, whose cold start should not build schemas it never needs.
const EVENT_FIELDS: ReadonlyArray<[keyof EventItem, (v: unknown) => boolean]> = [
  ['streamId', nonEmpty],
  ['version', positiveInt],
  ['eventId', nonEmpty],
  ['type', nonEmpty],
  ['schemaVersion', positiveInt],
  ['metadata', stringMap],
  ['time', nonEmpty],
]

/**
 * Decodes an event item (unmarshalled: numbers as numbers). Throws {@link MalformedEventItemError}
 * naming every attribute that is missing or of the wrong type.
 */
export function fromEventItem(item: Record<string, unknown>): StoredEvent {
  const invalid = EVENT_FIELDS.filter(([name, valid]) => !valid(item[name])).map(([name]) => name)
  if (invalid.length > 0) throw new MalformedEventItemError(invalid)
  const i = item as unknown as EventItem
  return {
    streamId: i.streamId,
    version: i.version,
    id: i.eventId,
    type: i.type,
    schemaVersion: i.schemaVersion,
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

/** The partition of the snapshots of `streamId` by `reducerVersion`. */
export function snapshotPartition(streamId: string, reducerVersion: string): string {
  return `${SNAPSHOT_PREFIX}${streamId}#${reducerVersion}`
}

export function toSnapshotItem(s: Snapshot): Record<string, unknown> {
  return {
    streamId: snapshotPartition(s.streamId, s.reducerVersion),
    version: s.version,
    targetStreamId: s.streamId,
    reducerVersion: s.reducerVersion,
    state: s.state,
  }
}

export function fromSnapshotItem(item: Record<string, unknown>): Snapshot {
  return {
    streamId: String(item.targetStreamId),
    version: Number(item.version),
    reducerVersion: String(item.reducerVersion),
    state: item.state,
  }
}
