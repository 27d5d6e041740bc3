/**
 * The consumer side of a projection: each event's effect goes to every version the projection
 * maintains (the active one, one being built, an old one kept for switching back), each version
 * with its own deduplication record, so a version gets each event exactly once whether it arrives
 * live, from the rebuild's history, or both. A rebuild's own records name their version and go to
 * it alone: the other versions never see history twice, even after their dedup records expired.
 */
import type { DedupKey } from '../consumer/dedup-store.ts'
import { ClaimOutcome } from '../consumer/dedup-store.ts'
import type { Effect } from '../consumer/effects.ts'
import type { ProjectionScope } from '../consumer/projection-scope.ts'
import type { ProjectionLocation } from './dynamodb/state-store.ts'
import { dedupNamespace, effectForVersion } from './keys.ts'
import { followedVersions, type ProjectionState } from './state.ts'

/**
 * How long a consumer trusts the state it read. A read per batch would cost 0.1 calls per event
 * (the consumer's budget is one); a rebuild instead waits this long, plus a margin, between adding
 * its version and reading history (`REBUILD_SETTLE_MS`), so every event stored after its history
 * ends reaches the new version live.
 */
export const STATE_CACHE_MS = 5_000

/**
 * What a rebuild waits after adding its version, before it fixes the end of the history it reads.
 * The margin covers clock differences between functions (the end is one function's clock, event
 * times another's) and the time index lagging the table: an event stored in the last second before
 * the end already reaches the new version live, so it need not be visible to the history read yet.
 */
export const REBUILD_SETTLE_MS = STATE_CACHE_MS + 1_000

/** Reads the state of one projection. */
export interface StateSource {
  get(at: ProjectionLocation): Promise<ProjectionState>
}

/** A {@link ProjectionScope} over the state of `location`, cached for {@link STATE_CACHE_MS}. */
export function projectionScope(
  source: StateSource,
  location: ProjectionLocation,
  now: () => number = Date.now,
): ProjectionScope {
  let cached: { at: number; versions: Promise<number[]> } | undefined
  const versions = (): Promise<number[]> => {
    const t = now()
    if (cached === undefined || t - cached.at >= STATE_CACHE_MS) {
      const read = source.get(location).then(followedVersions)
      // A failed read is not kept: the next record tries again (this one is retried by SQS).
      read.catch(() => {
        if (cached?.versions === read) cached = undefined
      })
      cached = { at: t, versions: read }
    }
    return cached.versions
  }
  return {
    async commit(key, effect, options, commit) {
      const targets = options.onlyVersion === undefined ? await versions() : [options.onlyVersion]
      return commitEach(key, effect, targets, location, commit)
    },
  }
}

/** One transaction per version (each with its own dedup record); a crash between them is retried. */
async function commitEach(
  key: DedupKey,
  effect: Effect,
  versions: readonly number[],
  location: ProjectionLocation,
  commit: (key: DedupKey, effect: Effect) => Promise<ClaimOutcome>,
): Promise<ClaimOutcome> {
  let outcome: ClaimOutcome = ClaimOutcome.Duplicate
  for (const version of versions) {
    const own = { consumer: dedupNamespace(key.consumer, version), eventId: key.eventId }
    const moved = effectForVersion(effect, location.tableName, location.keys, version)
    if ((await commit(own, moved)) === ClaimOutcome.Claimed) outcome = ClaimOutcome.Claimed
  }
  return outcome
}
