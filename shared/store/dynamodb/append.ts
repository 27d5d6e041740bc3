/**
 * Appending to a stream with optimistic concurrency, retries under contention, and an idempotency
 * guard written in the same transaction as the events.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { VersionConflictError } from '../../errors.ts'
import type { AppendOptions, AppendResult, NewEvent, StoredEvent } from '../event-store.ts'
import { assertSameRequest, type IdempotencyGuard, isLive } from '../idempotency.ts'
import { IDEMPOTENCY_TTL_SECONDS } from '../limits.ts'
import { assignVersions, defaultRequestHash, prepareAppend } from '../prepare-append.ts'
import type { StoreContext } from './context.ts'
import { fromGuardItem, guardKey } from './items.ts'
import { readEvent, readHead, readStream } from './read-stream.ts'
import { storeError } from './sdk-errors.ts'
import { writeEvents } from './write-events.ts'

export async function appendEvents(
  ctx: StoreContext,
  streamId: string,
  newEvents: NewEvent[],
  opts: AppendOptions = {},
): Promise<AppendResult> {
  const now = ctx.now()
  const prepared = prepareAppend(streamId, newEvents, opts, ctx.registry, now)
  const requestHash = opts.requestHash ?? defaultRequestHash(streamId, newEvents, opts.expectedVersion)
  const key = opts.idempotencyKey
  if (key !== undefined) {
    const replay = await replayFromGuard(ctx, key, streamId, requestHash, now)
    if (replay) return replay
  }
  const { expectedVersion } = opts
  for (let attempt = 1; ; attempt++) {
    const head = await startingHead(ctx, streamId, expectedVersion)
    const events = assignVersions(prepared, head)
    const guard = key === undefined ? undefined : newGuard(key, requestHash, events, now)
    const outcome = await writeEvents(ctx, events, guard, now)
    if (outcome.kind === 'written') return { streamId, events, idempotentReplay: false }
    if (outcome.kind === 'guardTaken' || (outcome.kind === 'unknownConflict' && key !== undefined)) {
      // A concurrent request with the same key won: answer like a retry (or reject a reused key).
      const replay = await replayFromGuard(ctx, key as string, streamId, requestHash, now)
      if (replay) return replay
    }
    if (outcome.kind !== 'contention' && (await isOurWrite(ctx, events))) {
      // The SDK retried a write whose first response was lost, and that first write had committed.
      return { streamId, events, idempotentReplay: false }
    }
    if (expectedVersion !== undefined && outcome.kind !== 'contention') {
      throw new VersionConflictError(streamId, expectedVersion, await readHead(ctx, streamId))
    }
    if (attempt >= ctx.maxAppendAttempts) {
      throw new VersionConflictError(streamId, head, await readHead(ctx, streamId))
    }
    await sleep(backoffMs(attempt))
  }
}

/**
 * The version the new events follow. With an expected version, the conditional write only proves
 * that version+1 is free (head <= expected), so we read the head first to prove head >= expected;
 * versions only grow, so together they mean head === expected at write time. Expected 0 needs no read.
 */
async function startingHead(
  ctx: StoreContext,
  streamId: string,
  expected: number | undefined,
): Promise<number> {
  if (expected === 0) return 0
  const head = await readHead(ctx, streamId)
  if (expected === undefined) return head
  if (head !== expected) throw new VersionConflictError(streamId, expected, head)
  return expected
}

function newGuard(key: string, requestHash: string, events: StoredEvent[], now: Date): IdempotencyGuard {
  return {
    key,
    requestHash,
    streamId: events[0]?.streamId ?? '',
    firstVersion: events[0]?.version ?? 0,
    lastVersion: events.at(-1)?.version ?? 0,
    expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  }
}

/** The first result of the request that wrote a live guard for `key`, or undefined if none. */
async function replayFromGuard(
  ctx: StoreContext,
  key: string,
  streamId: string,
  requestHash: string,
  now: Date,
): Promise<AppendResult | undefined> {
  let item: Record<string, unknown> | undefined
  try {
    const out = await ctx.client.send(
      new GetCommand({ TableName: ctx.tableName, Key: guardKey(key), ConsistentRead: true }),
    )
    item = out.Item
  } catch (error) {
    throw storeError(error)
  }
  if (!item) return undefined
  const guard = fromGuardItem(key, item)
  if (!isLive(guard, now)) return undefined
  assertSameRequest(guard, streamId, requestHash)
  const { events } = await readStream(ctx, streamId, {
    fromVersion: guard.firstVersion,
    toVersion: guard.lastVersion,
  })
  return { streamId, events, idempotentReplay: true }
}

/** Whether the first of `events` is stored as we wrote it (same id and same append time). */
async function isOurWrite(ctx: StoreContext, events: StoredEvent[]): Promise<boolean> {
  const first = events[0]
  if (!first) return false
  const stored = await readEvent(ctx, first.streamId, first.version)
  return stored?.id === first.id && stored.time === first.time
}

/** Full jitter, capped: spreads writers that collided so the next attempt rarely collides again. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(200, 10 * 2 ** attempt)
}
