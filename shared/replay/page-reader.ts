/**
 * Reads a replay's pages one ahead: as soon as a page is handed out, the read of the next one
 * starts, so the store's latency overlaps with sending the page just read instead of adding to it.
 * Only the first page is waited for: it is small, and the pages double up to the full size.
 */
import type { EventStore } from '../store/event-store.ts'
import { FIRST_PAGE_SIZE, PAGE_SIZE, pageLimitAt, readPage, type SourcePage } from './source.ts'
import type { ReplayCursor, ReplayFilter } from './types.ts'

export class PageReader {
  readonly #store: EventStore
  readonly #filter: ReplayFilter
  #ahead: Promise<SourcePage> | undefined
  #size = FIRST_PAGE_SIZE

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
    const page = readPage(this.#store, this.#filter, cursor, pageLimitAt(cursor, this.#size))
    this.#size = Math.min(this.#size * 2, PAGE_SIZE)
    // A page read ahead may never be asked for (the run stops first): its failure is not unhandled.
    page.catch(() => {})
    return page
  }
}
