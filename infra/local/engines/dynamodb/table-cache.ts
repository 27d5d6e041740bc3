/**
 * Caches ACTIVE table descriptions in front of dynalite's `store.getTable`, which otherwise reads and
 * parses the table from LevelDB on every request (a third of a write's cost). Table operations
 * invalidate the cache under the write lock, so no request ever sees a stale description.
 */
import type { DynaliteError, DynaliteStore, TableDescription } from './dynalite-internals.ts'

type Callback = (err: DynaliteError | null | undefined, table?: TableDescription) => void

/** Handle to drop the cache; call it before and after every table change. */
export interface TableCache {
  invalidate(): void
}

export function cacheTables(store: DynaliteStore): TableCache {
  const original = store.getTable.bind(store) as (name: string, check: unknown, cb: Callback) => void
  const cache = new Map<string, TableDescription>()
  let generation = 0
  // dynalite calls both `getTable(name, cb)` (status checked) and `getTable(name, checkStatus, cb)`.
  const getTable = (name: string, checkOrCb: boolean | Callback, maybeCb?: Callback): void => {
    const cb = (typeof checkOrCb === 'function' ? checkOrCb : maybeCb) as Callback
    const check = typeof checkOrCb === 'function' ? true : checkOrCb
    const hit = cache.get(name)
    if (hit) {
      setImmediate(cb, null, hit)
      return
    }
    const seen = generation
    original(name, check, (err, table) => {
      if (!err && table?.TableStatus === 'ACTIVE' && seen === generation) cache.set(name, table)
      cb(err, table)
    })
  }
  store.getTable = getTable as DynaliteStore['getTable']
  return {
    invalidate() {
      cache.clear()
      generation++
    },
  }
}
