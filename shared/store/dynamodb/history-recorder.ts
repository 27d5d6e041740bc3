/**
 * The writer's side of the history marker: what it last knew of the marker, read once per process.
 * An append that the known marker does not cover (the table's first event, an earlier day, more
 * shards than recorded) carries the marker's update in its own transaction: still one write call,
 * and in production at most once per table and shard-count change, since the clock only moves on.
 */
import type { StoreContext } from './context.ts'
import { type HistoryMarker, markerCovering, readHistoryMarker } from './history-marker.ts'

/** A marker update an append must carry: the marker read (`seen`) and what to write over it. */
export interface MarkerWrite {
  seen: HistoryMarker | undefined
  next: HistoryMarker
}

export class HistoryRecorder {
  readonly #ctx: StoreContext
  readonly #shards: number
  /** The marker as last read or written; `null` until read. */
  #known: HistoryMarker | undefined | null = null

  constructor(ctx: StoreContext, shards: number) {
    this.#ctx = ctx
    this.#shards = shards
  }

  /** The update an append of events on `day` must carry, or undefined when the marker covers it. */
  async pending(day: string): Promise<MarkerWrite | undefined> {
    if (this.#known === null) this.#known = await readHistoryMarker(this.#ctx)
    const seen = this.#known
    const next = markerCovering(seen, day, this.#shards)
    return next && { seen, next }
  }

  /** The write carrying `write` committed. */
  committed(write: MarkerWrite): void {
    this.#known = write.next
  }

  /** Another writer changed the marker: read it again before the next write. */
  stale(): void {
    this.#known = null
  }
}
