/**
 * Work started in order, at most `limit` at a time, whose results are applied strictly in the order
 * the work was started, whatever order it finishes in. Replay uses it to keep a few send batches in
 * flight while the job's cursor only ever moves past batches that have been sent. Written by hand:
 * p-limit and p-queue bound concurrency but hand results over as they come, not in start order.
 */
interface Entry<T> {
  work: Promise<T>
  settled: boolean
}

export class OrderedWindow<T> {
  readonly #limit: number
  readonly #apply: (result: T) => Promise<boolean>
  readonly #queue: Entry<T>[] = []
  #failed = false

  /**
   * `apply` receives each result in start order and returns false to stop (the job was lost): the
   * window then applies nothing more.
   */
  constructor(limit: number, apply: (result: T) => Promise<boolean>) {
    this.#limit = limit
    this.#apply = apply
  }

  /**
   * Applies the work that has finished, oldest first, and waits until there is room for one more.
   * False when an applied result said stop; throws the error of failed work (once it is the oldest:
   * nothing more starts after a failure is known).
   */
  async room(): Promise<boolean> {
    while (this.#queue.length >= this.#limit || this.#failed || this.#queue[0]?.settled) {
      if (!(await this.#applyOldest())) return false
    }
    return true
  }

  /** Adds started work (call {@link room} first). */
  add(work: Promise<T>): void {
    const entry: Entry<T> = { work, settled: false }
    // Observed at once, so a failure while older work is awaited is not an unhandled rejection;
    // it is rethrown when its turn comes.
    work.then(
      () => {
        entry.settled = true
      },
      () => {
        entry.settled = true
        this.#failed = true
      },
    )
    this.#queue.push(entry)
  }

  /** Applies every piece of work started; false when an applied result said stop. */
  async drain(): Promise<boolean> {
    while (this.#queue.length > 0) if (!(await this.#applyOldest())) return false
    return true
  }

  /** Waits for everything still in flight, ignoring outcomes (after a failure or a stop). */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.#queue.splice(0).map((entry) => entry.work))
  }

  async #applyOldest(): Promise<boolean> {
    const oldest = this.#queue[0] as Entry<T>
    let result: T
    try {
      result = await oldest.work
    } catch (error) {
      await this.abandon()
      throw error
    }
    this.#queue.shift()
    if (await this.#apply(result)) return true
    await this.abandon()
    return false
  }
}
