/** What every operation handler works with. */
import type { DynaliteStore } from './dynalite-internals.ts'
import type { ReadWriteLock } from './rw-lock.ts'
import type { StreamStore } from './stream-store.ts'
import type { TableCache } from './table-cache.ts'
import type { WriteCapture } from './write-capture.ts'

export interface EngineContext {
  store: DynaliteStore
  lock: ReadWriteLock
  capture: WriteCapture
  streams: StreamStore
  tables: TableCache
  region: string
}

/** One API operation: the parsed JSON request in, the JSON response out (or a thrown AWS error). */
export type OperationHandler = (ctx: EngineContext, request: Record<string, unknown>) => Promise<unknown>
