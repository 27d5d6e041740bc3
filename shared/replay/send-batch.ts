/**
 * Sends one batch of replay envelopes and retries the entries that failed for a reason that may
 * pass (throttling, a dropped connection); an oversize message can never pass and is not retried.
 */
import { ChannelFailureCode } from '../channels/limits.ts'
import type { FailedEntry } from '../channels/ports.ts'
import type { ReplayEnvelope } from './envelope.ts'
import type { ResolvedTarget } from './target.ts'

/** Attempts per entry, the first included. */
export const SEND_ATTEMPTS = 3

export interface BatchOutcome {
  sent: number
  failed: FailedEntry[]
}

export async function sendWithRetries(
  target: ResolvedTarget,
  envelopes: readonly ReplayEnvelope[],
  sleep: (ms: number) => Promise<void>,
): Promise<BatchOutcome> {
  let pending = [...envelopes]
  let final: FailedEntry[] = []
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { failed } = await target.send(pending)
    const retryable = failed.filter((f) => f.code !== ChannelFailureCode.MessageTooLarge)
    final = [...final, ...failed.filter((f) => f.code === ChannelFailureCode.MessageTooLarge)]
    if (attempt === SEND_ATTEMPTS || retryable.length === 0) {
      final = [...final, ...retryable]
      break
    }
    pending = retryable.map((f) => pending[f.index] as ReplayEnvelope)
    await sleep(200 * attempt)
  }
  return { sent: envelopes.length - final.length, failed: final }
}
