/**
 * Reads a replay's pages one ahead: as soon as a page is handed out, the read of the next one
 * starts, so the store's latency overlaps with sending the page just read instead of adding to it.
 */
import type { EventStore } from '../store/event-store.ts'
import { readPage, type SourcePage } from './source.ts'
import type { ReplayCursor, ReplayFilter } from './types.ts'

export class PageReader {
  readonly #store: EventStore
  readonly #filter: ReplayFilter
  #ahead: Promise<SourcePage> | undefined

  /** Starts reading the page at `cursor` at once. */
  constructor(store: EventStore, filter: ReplayFilter, cursor: ReplayCursor) {
    this.#store = store
    this.#filter = filter
    this.#ahead = this.#read(cursor)
  }

  /** The next page, or undefined after the last one; starts reading the page after it. */
  async next(): Promise<SourcePage | undefined> {
    const ahead = this.#ahead
    if (ahead === undefined) return undefined
    const page = await ahead
    this.#ahead = page.next === undefined ? undefined : this.#read(page.next)
    return page
  }

  #read(cursor: ReplayCursor): Promise<SourcePage> {
    const page = readPage(this.#store, this.#filter, cursor)
    // A page read ahead may never be asked for (the run stops first): its failure is not unhandled.
    page.catch(() => {})
    return page
  }
}
