/**
 * Captures every LevelDB write dynalite makes while a request runs, so the request's item writes,
 * index entries and stream records can be committed in one atomic batch (or dropped, when a
 * transaction is cancelled). Only one capture runs at a time: callers hold the write lock, and table
 * operations (whose timers write later) finish inside that lock too.
 */
import type { BatchOp, MainDb } from './dynalite-internals.ts'

type Callback = (err: Error | null) => void

export class WriteCapture {
  readonly #db: MainDb
  readonly #batch: (ops: BatchOp[]) => Promise<void>
  #ops: BatchOp[] | undefined

  constructor(db: MainDb) {
    this.#db = db
    const put = db.put.bind(db)
    const del = db.del.bind(db)
    const batch = db.batch.bind(db)
    this.#batch = async (ops) => {
      await batch(ops)
    }
    const done = (cb?: Callback) => {
      if (!cb) return Promise.resolve()
      setImmediate(cb, null)
      return undefined
    }
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

  /** Runs `fn`, holding back its writes; returns its outcome and the writes it made. */
  async capture<T>(
    fn: () => Promise<T>,
  ): Promise<{ ok: true; value: T; ops: BatchOp[] } | { ok: false; error: unknown; ops: BatchOp[] }> {
    const ops: BatchOp[] = []
    this.#ops = ops
    try {
      return { ok: true, value: await fn(), ops }
    } catch (error) {
      return { ok: false, error, ops }
    } finally {
      this.#ops = undefined
    }
  }
}
