/**
 * An in-memory event store with the DynamoDB adapter's semantics, for fast domain tests and demos.
 * Appends run synchronously inside one call, so they are atomic without locks.
 */
import { ValidationError, VersionConflictError } from '../../errors.ts'
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
  StoredEvent,
} from '../event-store.ts'
import { assertSameRequest, type IdempotencyGuard, isLive } from '../idempotency.ts'
import { IDEMPOTENCY_TTL_SECONDS } from '../limits.ts'
import { assignVersions, defaultRequestHash, prepareAppend, type SchemaSource } from '../prepare-append.ts'
import { pageLimit, timeBound, versionBound } from '../read-bounds.ts'
import { assertValidStreamId } from '../stream-id.ts'

export interface InMemoryEventStoreOptions {
  registry: SchemaSource
  /** Clock, injectable so tests can place events on chosen days. */
  now?: () => Date
}

export class InMemoryEventStore implements EventStore {
  readonly #streams = new Map<string, StoredEvent[]>()
  readonly #guards = new Map<string, IdempotencyGuard>()
  readonly #registry: SchemaSource
  readonly #now: () => Date

  constructor(opts: InMemoryEventStoreOptions) {
    this.#registry = opts.registry
    this.#now = opts.now ?? (() => new Date())
  }

  async append(streamId: string, events: NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
    const now = this.#now()
    const prepared = prepareAppend(streamId, events, opts, this.#registry, now)
    const requestHash = opts.requestHash ?? defaultRequestHash(streamId, events, opts.expectedVersion)
    const key = opts.idempotencyKey
    const guard = key === undefined ? undefined : this.#guards.get(key)
    if (guard && isLive(guard, now)) {
      assertSameRequest(guard, streamId, requestHash)
      const stream = this.#streams.get(streamId) ?? []
      const replayed = stream.slice(guard.firstVersion - 1, guard.lastVersion)
      return { streamId, events: replayed.map(clone), idempotentReplay: true }
    }
    const stream = this.#streams.get(streamId) ?? []
    const head = stream.length
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== head) {
      throw new VersionConflictError(streamId, opts.expectedVersion, head)
    }
    const stored = assignVersions(prepared, head)
    this.#streams.set(streamId, [...stream, ...stored.map(clone)])
    if (key !== undefined) {
      const expiresAt = Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS
      this.#guards.set(key, {
        key,
        requestHash,
        streamId,
        firstVersion: head + 1,
        lastVersion: head + stored.length,
        expiresAt,
      })
    }
    return { streamId, events: stored, idempotentReplay: false }
  }

  async readStream(streamId: string, opts: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    assertValidStreamId(streamId)
    const limit = pageLimit(opts.limit)
    const from = Math.max(1, versionBound('fromVersion', opts.fromVersion, 1))
    const to = versionBound('toVersion', opts.toVersion, Number.MAX_SAFE_INTEGER)
    const inRange = (this.#streams.get(streamId) ?? []).filter((e) => e.version >= from && e.version <= to)
    const events = inRange.slice(0, limit).map(clone)
    const last = events.at(-1)
    return inRange.length > limit && last ? { events, nextVersion: last.version + 1 } : { events }
  }

  async readAll(opts: ReadAllOptions): Promise<ReadAllResult> {
    const from = timeBound('from', opts.from)
    const to = timeBound('to', opts.to)
    const limit = pageLimit(opts.limit)
    const types = opts.types && opts.types.length > 0 ? new Set(opts.types) : undefined
    const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor)
    const matching = [...this.#streams.values()]
      .flat()
      .filter((e) => e.time >= from && e.time < to && (!types || types.has(e.type)))
      .map((e) => ({ e, key: orderKey(e) }))
      .filter(({ key }) => after === undefined || key > after)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const page = matching.slice(0, limit)
    const last = page.at(-1)
    const events = page.map(({ e }) => clone(e))
    return matching.length > limit && last ? { events, cursor: encodeCursor(last.key) } : { events }
  }
}

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
  throw invalidCursor()
}

function invalidCursor() {
  return new ValidationError('Invalid cursor', [
    { path: 'cursor', message: 'not a cursor from a previous page' },
  ])
}

function clone(e: StoredEvent): StoredEvent {
  return structuredClone(e)
}
