/**
 * Captures every LevelDB write dynalite makes while a request runs, so the request's item writes,
 * index entries and stream records can be committed in one atomic batch (or dropped, when a
 * transaction is cancelled). Only one capture runs at a time: callers hold the write lock, and table
 * operations (whose timers write later) finish inside that lock too.
 */
import type { BatchOp, MainDb } from './dynalite-internals.ts'

type Callback = (err: Error | null, value?: unknown) => void

export class WriteCapture {
  readonly #db: MainDb
  readonly #batch: (ops: BatchOp[]) => Promise<void>
  #ops: BatchOp[] | undefined
  // Values read during a capture: the committed state, since captured writes are not applied yet.
  // Serving repeats from here saves a LevelDB round trip per item (reads dominate a write's cost).
  #reads: Map<string, unknown> | undefined

  constructor(db: MainDb) {
    this.#db = db
    const get = db.get.bind(db) as (key: string, cb?: Callback) => Promise<unknown> | undefined
    const put = db.put.bind(db)
    const del = db.del.bind(db)
    const batch = db.batch.bind(db)
    this.#batch = async (ops) => {
      await batch(ops)
    }
    const done = (cb?: (err: null) => void) => {
      if (!cb) return Promise.resolve()
      setImmediate(cb, null)
      return undefined
    }
    const getWithMemo = (key: string, cb?: Callback) => {
      const reads = this.#reads
      if (!reads) return get(key, cb)
      const known = reads.has(key)
      const value = known ? Promise.resolve(reads.get(key)) : (get(key) as Promise<unknown>)
      const recorded = value.then((v) => {
        if (!known && this.#reads === reads && !reads.has(key)) reads.set(key, v)
        return v
      })
      if (!cb) return recorded
      recorded.then(
        (v) => setImmediate(cb, null, v),
        (err: Error) => setImmediate(cb, err),
      )
      return undefined
    }
    db.get = getWithMemo as MainDb['get']
    db.put = (key, value, cb) => {
      if (!this.#ops) return put(key, value, cb)
      this.#ops.push({ type: 'put', key, value })
      return done(cb)
    }
    db.del = (key, cb) => {
      if (!this.#ops) return del(key, cb)
      this.#ops.push({ type: 'del', key })
      return done(cb)
    }
    db.batch = (ops, cb) => {
      if (!this.#ops) return batch(ops, cb)
      this.#ops.push(...ops)
      return done(cb)
    }
  }

  /** Writes a batch straight to LevelDB, atomically. */
  write(ops: BatchOp[]): Promise<void> {
    return this.#batch(ops)
  }

  /** Reads the committed value of a key (captured writes are not visible). */
  read(key: string): Promise<unknown> {
    return this.#db.get(key)
  }

  /**
   * Runs `fn`, holding back its writes; returns its outcome, the writes it made and the committed
   * values it read (`known` seeds those, e.g. items a transaction already read).
   */
  async capture<T>(
    fn: () => Promise<T>,
    known: Map<string, unknown> = new Map(),
  ): Promise<
    ({ ok: true; value: T } | { ok: false; error: unknown }) & { ops: BatchOp[]; reads: Map<string, unknown> }
  > {
    const ops: BatchOp[] = []
    const reads = new Map(known)
    this.#ops = ops
    this.#reads = reads
    try {
      return { ok: true, value: await fn(), ops, reads }
    } catch (error) {
      return { ok: false, error, ops, reads }
    } finally {
      this.#ops = undefined
      this.#reads = undefined
    }
  }
}
