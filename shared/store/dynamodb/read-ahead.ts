/**
 * What a time read has read beyond the page it returned, kept for the page after it. A page of a
 * sharded day ends inside every shard's last query result; the next page (the same reader, a
 * replay paging on) resumes from these items instead of querying every shard again. Locally each
 * Query has a fixed cost of a few ms (16 shards made replay ~35% slower without this); on AWS every
 * Query is billed at least one read unit, so fewer and fuller queries also cost less.
 */
import type { Partition } from './read-day.ts'

/** Entries kept: the page being sent and the one read ahead of it (`shared/replay/page-reader.ts`). */
const MAX_ENTRIES = 4

export class ReadAhead {
  readonly #entries = new Map<string, readonly Partition[]>()

  /** The partitions left at `key`, if this process read up to it; they stay for a repeated read. */
  take(key: string): readonly Partition[] | undefined {
    return this.#entries.get(key)
  }

  keep(key: string, parts: readonly Partition[]): void {
    this.#entries.delete(key)
    this.#entries.set(key, parts)
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= MAX_ENTRIES) break
      this.#entries.delete(oldest)
    }
  }
}

/** The key of a read's continuation: its cursor and the range it reads. */
export function readAheadKey(
  cursor: string,
  range: { from?: string | undefined; to: string; types?: string[] | undefined },
): string {
  return [cursor, range.from ?? '', range.to, (range.types ?? []).join(',')].join('\n')
}
