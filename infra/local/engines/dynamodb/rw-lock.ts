/**
 * A FIFO readers–writer lock. Writes and transactions run alone (so a write can read the item
 * before and after itself for stream images, and a transaction sees a still snapshot); reads share.
 * Hand-written because it is ~40 lines and none of the installed packages offers one.
 */
type Waiter = { exclusive: boolean; grant: () => void }

export class ReadWriteLock {
  #readers = 0
  #writer = false
  readonly #queue: Waiter[] = []

  /** Runs `fn` while holding the lock shared (with other readers). */
  read<T>(fn: () => Promise<T>): Promise<T> {
    return this.#run(false, fn)
  }

  /** Runs `fn` while holding the lock alone. */
  write<T>(fn: () => Promise<T>): Promise<T> {
    return this.#run(true, fn)
  }

  async #run<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((grant) => {
      this.#queue.push({ exclusive, grant })
      this.#dispatch()
    })
    try {
      return await fn()
    } finally {
      if (exclusive) this.#writer = false
      else this.#readers--
      this.#dispatch()
    }
  }

  // Grants waiters strictly in arrival order, so a stream of reads cannot starve a writer.
  #dispatch(): void {
    for (let next = this.#queue[0]; next; next = this.#queue[0]) {
      if (this.#writer) return
      if (next.exclusive && this.#readers > 0) return
      this.#queue.shift()
      if (next.exclusive) this.#writer = true
      else this.#readers++
      next.grant()
      if (next.exclusive) return
    }
  }
}
