/**
 * When and how long the client waits before trying a request again: network errors, 429 and 5xx are
 * retried (the request carries the same Idempotency-Key, so a publish that did commit is answered
 * from its first response, never stored twice); a 4xx is the caller's to fix and is never retried.
 */

/** Whether an answer with `status` may succeed if sent again. */
export const isRetryable = (status: number): boolean => status === 429 || status >= 500

/** Full jitter (AWS's advice): a random wait up to base × 2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 5_000): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt)
}
