/**
 * The idempotency guard an append with an `Idempotency-Key` writes atomically with its events.
 * It records which request the key was used for and which versions that request produced, so a
 * retry can be answered from the stream itself (the events are the stored response).
 */
import { IdempotencyKeyReusedError } from '../errors.ts'

export interface IdempotencyGuard {
  key: string
  requestHash: string
  streamId: string
  firstVersion: number
  lastVersion: number
  /** Epoch seconds; past it the guard is ignored (and DynamoDB's TTL deletes it eventually). */
  expiresAt: number
}

/** True while the guard still answers retries (TTL deletion lags by up to days, so check ourselves). */
export function isLive(guard: IdempotencyGuard, now: Date): boolean {
  return guard.expiresAt > Math.floor(now.getTime() / 1000)
}

/** Throws {@link IdempotencyKeyReusedError} unless the guard was written for this very request. */
export function assertSameRequest(guard: IdempotencyGuard, streamId: string, requestHash: string): void {
  if (guard.streamId !== streamId || guard.requestHash !== requestHash) {
    throw new IdempotencyKeyReusedError(guard.key)
  }
}
