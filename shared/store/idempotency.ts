/**
 * The idempotency guard an append with an `Idempotency-Key` writes atomically with its events.
 * It records which request the key was used for and which versions that request produced, so a
 * retry can be answered from the stream itself (the events are the stored response).
 */
import { IdempotencyKeyReusedError } from '../errors.ts'
import { IDEMPOTENCY_TTL_SECONDS } from './limits.ts'
import type { StoredEvent } from './types.ts'

export interface IdempotencyGuard {
  key: string
  requestHash: string
  streamId: string
  firstVersion: number
  lastVersion: number
  /** Epoch seconds; past it the guard is ignored (and DynamoDB's TTL deletes it eventually). */
  expiresAt: number
}

/** Epoch seconds of `now`, the unit of `expiresAt`. */
export function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000)
}

/** True while the guard still answers retries (TTL deletion lags by up to days, so check ourselves). */
export function isLive(guard: IdempotencyGuard, now: Date): boolean {
  return guard.expiresAt > epochSeconds(now)
}

/** Throws {@link IdempotencyKeyReusedError} unless the guard was written for this very request. */
export function assertSameRequest(guard: IdempotencyGuard, streamId: string, requestHash: string): void {
  if (guard.streamId !== streamId || guard.requestHash !== requestHash) {
    throw new IdempotencyKeyReusedError(guard.key)
  }
}

/** An append request under an idempotency key, with the request's fingerprint (`request-hash.ts`). */
export interface KeyedRequest {
  key: string
  streamId: string
  requestHash: string
}

/** The guard recording that `events` answered `request`, for 24 h. */
export function newGuard(request: KeyedRequest, events: StoredEvent[], now: Date): IdempotencyGuard {
  return {
    key: request.key,
    requestHash: request.requestHash,
    streamId: events[0]?.streamId ?? '',
    firstVersion: events[0]?.version ?? 0,
    lastVersion: events.at(-1)?.version ?? 0,
    expiresAt: epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS,
  }
}
