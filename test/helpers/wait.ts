/**
 * Waiting for an eventually consistent outcome. A bound on waiting, never a timing assertion: the
 * bounds are generous for a noisy 2-core machine, and a timeout names what was last seen.
 */
import { setTimeout as sleep } from 'node:timers/promises'

/** Thrown when the condition did not hold in time. */
export class WaitTimeoutError extends Error {
  constructor(what: string, last: unknown) {
    super(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`)
    this.name = 'WaitTimeoutError'
  }
}

/**
 * Polls `probe` until `done(value)`; resolves with that value. Polls every `intervalMs` (default
 * 250 ms, light on a loaded machine) for at most `timeoutMs` (default 30 s).
 */
export async function until<T>(
  what: string,
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000)
  let last: T | undefined
  for (;;) {
    last = await probe()
    if (done(last)) return last
    if (Date.now() > deadline) throw new WaitTimeoutError(what, last)
    await sleep(opts.intervalMs ?? 250)
  }
}

/**
 * Polls `check` every 50 ms until it returns a value other than `undefined`/`false`, and resolves with
 * it; rejects with {@link WaitTimeoutError} after `timeoutMs`. For in-process checks that are cheap
 * to repeat (counters, a queue's depth).
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const value = await until(what, check, (v) => v !== undefined && v !== false, { timeoutMs, intervalMs: 50 })
  return value as T
}
