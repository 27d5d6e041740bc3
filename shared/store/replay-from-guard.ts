/**
 * Answering a retry under an idempotency key from what is stored: the guard names the versions the
 * first request produced, and the stream holds them (the events are the stored response).
 */
import type { EventStorage } from './event-storage.ts'
import { assertSameRequest, isLive, type KeyedRequest } from './idempotency.ts'
import type { AppendResult } from './types.ts'

/**
 * The first result of the request that wrote a live guard for `request.key`, read back from the
 * stream, or undefined when no live guard holds the key. Throws `IdempotencyKeyReusedError` when
 * the guard was written for another request.
 */
export async function replayFromGuard(
  storage: EventStorage,
  request: KeyedRequest,
  now: Date,
): Promise<AppendResult | undefined> {
  const guard = await storage.readGuard(request.key)
  if (!guard || !isLive(guard, now)) return undefined
  assertSameRequest(guard, request.streamId, request.requestHash)
  const range = {
    from: guard.firstVersion,
    to: guard.lastVersion,
    limit: guard.lastVersion - guard.firstVersion + 1,
  }
  const { events } = await storage.readStream(request.streamId, range)
  return { streamId: request.streamId, events, idempotentReplay: true }
}
