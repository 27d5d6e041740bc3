/**
 * Appending to a stream over any {@link EventStorage}: optimistic concurrency, bounded retries under
 * contention, and an idempotency guard written in the same write as the events. The adapters only
 * store; every decision here is made once for all of them.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { VersionConflictError } from '../errors.ts'
import { WriteConflict, WriteConflictError } from './errors.ts'
import type { EventStorage } from './event-storage.ts'
import { epochSeconds, newGuard } from './idempotency.ts'
import { assignVersions, prepareAppend, type SchemaSource } from './prepare-append.ts'
import { replayFromGuard } from './replay-from-guard.ts'
import { requestHash } from './request-hash.ts'
import type { AppendOptions, AppendResult, NewEvent, StoredEvent } from './types.ts'

/** What an append needs from its `EventStore`. */
export interface AppendDeps {
  storage: EventStorage
  registry: SchemaSource
  clock: () => Date
  maxAttempts: number
}

/**
 * Appends atomically, or answers a retry of the same keyed request from the stream. Throws
 * VersionConflictError, IdempotencyKeyReusedError, and the validation errors of `prepareAppend`.
 */
export async function appendEvents(
  deps: AppendDeps,
  streamId: string,
  newEvents: NewEvent[],
  opts: AppendOptions,
): Promise<AppendResult> {
  const { storage } = deps
  const now = deps.clock()
  const prepared = prepareAppend(streamId, newEvents, opts, deps.registry, now)
  const { idempotencyKey: key, expectedVersion } = opts
  const keyed =
    key === undefined
      ? undefined
      : { key, streamId, requestHash: requestHash(streamId, newEvents, expectedVersion) }
  if (keyed) {
    const replay = await replayFromGuard(storage, keyed, now)
    if (replay) return replay
  }
  for (let attempt = 1; ; attempt++) {
    const head = await startingHead(storage, streamId, expectedVersion)
    const events = assignVersions(prepared, head)
    const guard = keyed && newGuard(keyed, events, now)
    let conflict: WriteConflict
    try {
      await storage.writeEvents(events, guard && { guard, replacesExpiredBefore: epochSeconds(now) }, {
        requirePrevious: expectedVersion !== undefined,
      })
      return { streamId, events, idempotentReplay: false }
    } catch (error) {
      if (!(error instanceof WriteConflictError)) throw error
      conflict = error.conflict
    }
    if (keyed && (conflict === WriteConflict.GuardTaken || conflict === WriteConflict.Unknown)) {
      // A concurrent request with the same key won: answer like a retry (or reject a reused key).
      const replay = await replayFromGuard(storage, keyed, now)
      if (replay) return replay
    }
    if (conflict !== WriteConflict.Contention && (await isOurWrite(storage, events))) {
      // The SDK retried a write whose first response was lost, and that first write had committed.
      return { streamId, events, idempotentReplay: false }
    }
    if (expectedVersion !== undefined && conflict !== WriteConflict.Contention) {
      throw new VersionConflictError(streamId, expectedVersion, await storage.readHead(streamId))
    }
    if (attempt >= deps.maxAttempts) {
      throw new VersionConflictError(streamId, head, await storage.readHead(streamId))
    }
    await sleep(backoffMs(attempt))
  }
}

/**
 * The version the new events follow. With an expected version, no read: the write proves that
 * version+1 is free (head <= expected) and, asked to `requirePrevious`, that the expected version
 * is stored (head >= expected, versions having no gaps), so head === expected at write time.
 * Without one, the head is read and the write retried under contention.
 */
async function startingHead(
  storage: EventStorage,
  streamId: string,
  expected: number | undefined,
): Promise<number> {
  return expected ?? (await storage.readHead(streamId))
}

/** Whether the first of `events` is stored as we wrote it (same id and same append time). */
async function isOurWrite(storage: EventStorage, events: StoredEvent[]): Promise<boolean> {
  const first = events[0]
  if (!first) return false
  const range = { from: first.version, to: first.version, limit: 1 }
  const [stored] = (await storage.readStream(first.streamId, range)).events
  return stored?.id === first.id && stored.time === first.time
}

/** Full jitter, capped: spreads writers that collided so the next attempt rarely collides again. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(200, 10 * 2 ** attempt)
}
