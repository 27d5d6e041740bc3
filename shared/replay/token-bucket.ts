/**
 * A token bucket capping the send rate. Written by hand: it is a dozen lines, and the rate limiter
 * packages on npm either time-slice per call or need Redis. It starts empty, so the first batch
 * waits its share too and a run of N events at rate R takes at least N/R seconds overall.
 */
export class TokenBucket {
  readonly #rate: number
  readonly #capacity: number
  readonly #now: () => number
  #tokens = 0
  #at: number

  /** `ratePerSecond` tokens per second, holding at most `capacity` (one batch). */
  constructor(ratePerSecond: number, capacity: number, now: () => number = () => performance.now()) {
    this.#rate = ratePerSecond
    this.#capacity = capacity
    this.#now = now
    this.#at = now()
  }

  /** Milliseconds until `n` tokens are available (0 when they are). */
  waitMs(n: number): number {
    this.#refill()
    return this.#tokens >= n ? 0 : ((n - this.#tokens) / this.#rate) * 1000
  }

  /** Takes `n` tokens (n ≤ capacity), waiting until they are there. */
  async take(n: number, sleep: (ms: number) => Promise<void>): Promise<void> {
    for (let wait = this.waitMs(n); wait > 0; wait = this.waitMs(n)) await sleep(Math.ceil(wait))
    this.#tokens -= n
  }

  #refill(): void {
    const now = this.#now()
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#at) / 1000) * this.#rate)
    this.#at = now
  }
}
