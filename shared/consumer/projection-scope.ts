/** The consumer middleware's view of a projection (implemented by `shared/projection/follower.ts`). */
import type { ClaimOutcome, DedupKey } from './dedup-store.ts'
import type { Effect } from './effects.ts'

/** A projection consumer's versions (`shared/projection/follower.ts`); absent for other consumers. */
export interface ProjectionScope {
  /** Commits `effect` to each version the record is for; `Duplicate` when every one had it. */
  commit(
    key: DedupKey,
    effect: Effect,
    options: { reprocess: boolean; onlyVersion: number | undefined },
    commit: (key: DedupKey, effect: Effect) => Promise<ClaimOutcome>,
  ): Promise<ClaimOutcome>
}
