/**
 * An in-memory adapter of the storage port, with the DynamoDB adapter's semantics, for fast tests
 * and demos. Each write is checked and applied synchronously inside one call, so it is atomic
 * without locks; items are copied in and out, as a real store would serialise them.
 */
import { ValidationError } from '../../errors.ts'
import { WriteConflict, WriteConflictError } from '../errors.ts'
import type { EventStorage, GuardWrite, TimeRange, VersionRange, WriteOptions } from '../event-storage.ts'
import type { IdempotencyGuard } from '../idempotency.ts'
import type { Snapshot } from '../snapshot.ts'
import type { ReadAllResult, ReadStreamResult, StoredEvent } from '../types.ts'

export class InMemoryEventStorage implements EventStorage {
  /** Events of each stream, in version order. */
  readonly #streams = new Map<string, StoredEvent[]>()
  readonly #guards = new Map<string, IdempotencyGuard>()
  /** Snapshots by stream id and reducer version, then by version. */
  readonly #snapshots = new Map<string, Map<number, Snapshot>>()

  async readHead(streamId: string): Promise<number> {
    return this.#streams.get(streamId)?.at(-1)?.version ?? 0
  }

  async readStream(streamId: string, { from, to, limit }: VersionRange): Promise<ReadStreamResult> {
    const inRange = (this.#streams.get(streamId) ?? []).filter((e) => e.version >= from && e.version <= to)
    const events = inRange.slice(0, limit).map(clone)
    const last = events.at(-1)
    return inRange.length > limit && last ? { events, nextVersion: last.version + 1 } : { events }
  }

  async readAll(range: TimeRange): Promise<ReadAllResult> {
    const { from, to, limit } = range
    const types = range.types ? new Set(range.types) : undefined
    const after = range.cursor === undefined ? undefined : decodeCursor(range.cursor)
    const matching = [...this.#streams.values()]
      .flat()
      .filter((e) => (from === undefined || e.time >= from) && e.time < to && (!types || types.has(e.type)))
      .map((e) => ({ e, key: orderKey(e) }))
      .filter(({ key }) => after === undefined || key > after)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const page = matching.slice(0, limit)
    const last = page.at(-1)
    const events = page.map(({ e }) => clone(e))
    return matching.length > limit && last ? { events, cursor: encodeCursor(last.key) } : { events }
  }

  async readGuard(key: string): Promise<IdempotencyGuard | undefined> {
    const guard = this.#guards.get(key)
    return guard && { ...guard }
  }

  async writeEvents(events: StoredEvent[], guard?: GuardWrite, opts: WriteOptions = {}): Promise<void> {
    const [first] = events
    if (!first) return
    // Checked in the DynamoDB transaction's order: the guard first, then the versions.
    const held = guard && this.#guards.get(guard.guard.key)
    if (held && held.expiresAt >= guard.replacesExpiredBefore) {
      throw new WriteConflictError(WriteConflict.GuardTaken)
    }
    const stream = this.#streams.get(first.streamId) ?? []
    const taken = new Set(stream.map((e) => e.version))
    if (events.some((e) => taken.has(e.version))) throw new WriteConflictError(WriteConflict.VersionTaken)
    if (opts.requirePrevious && first.version > 1 && !taken.has(first.version - 1)) {
      throw new WriteConflictError(WriteConflict.VersionTaken)
    }
    const merged = [...stream, ...events.map(clone)].sort((a, b) => a.version - b.version)
    this.#streams.set(first.streamId, merged)
    if (guard) this.#guards.set(guard.guard.key, { ...guard.guard })
  }

  async readSnapshot(
    streamId: string,
    reducerVersion: string,
    atOrBelow: number,
  ): Promise<Snapshot | undefined> {
    const kept = [...(this.#snapshots.get(snapshotsOf(streamId, reducerVersion))?.values() ?? [])]
    const best = kept.filter((s) => s.version <= atOrBelow).sort((a, b) => b.version - a.version)[0]
    return best && structuredClone(best)
  }

  async writeSnapshot(snapshot: Snapshot): Promise<void> {
    const key = snapshotsOf(snapshot.streamId, snapshot.reducerVersion)
    const kept = this.#snapshots.get(key) ?? new Map<number, Snapshot>()
    if (!kept.has(snapshot.version)) kept.set(snapshot.version, structuredClone(snapshot))
    this.#snapshots.set(key, kept)
  }
}

const snapshotsOf = (streamId: string, reducerVersion: string) => `${streamId}#${reducerVersion}`

// Same order as the DynamoDB adapter's time index: time, then stream id, then version.
function orderKey(e: StoredEvent): string {
  return `${e.time}#${e.streamId}#${String(e.version).padStart(10, '0')}`
}

function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url')
}

function decodeCursor(cursor: string): string {
  try {
    const { k } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown }
    if (typeof k === 'string') return k
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('Invalid cursor', [
    { path: 'cursor', message: 'not a cursor from a previous page' },
  ])
}

function clone(e: StoredEvent): StoredEvent {
  return structuredClone(e)
}
