/**
 * Port of the consumer deduplication store: one record per consumer × event id, so the handler runs
 * once per event even though SQS delivers at least once. `dynamodb-dedup-store.ts` is the adapter.
 */

/** Outcome of {@link DedupStore.claim}. */
export const ClaimOutcome = {
  /** No completed record: this delivery holds the in-progress marker and must run the handler. */
  Claimed: 'claimed',
  /** A completed record exists: the handler already ran for this event. */
  Duplicate: 'duplicate',
} as const

export type ClaimOutcome = (typeof ClaimOutcome)[keyof typeof ClaimOutcome]

import type { Effect } from './effects.ts'

/** Identifies one event for one consumer. */
export interface DedupKey {
  consumer: string
  eventId: string
}

/** Records which events each consumer has handled. */
export interface DedupStore {
  /**
   * Writes an in-progress marker that expires at `inProgressUntilMs` (epoch ms) unless a completed
   * record or a live marker exists. Throws `EventInProgressError` when another delivery holds a live
   * marker, `DedupStoreError` when the store fails.
   */
  claim(key: DedupKey, inProgressUntilMs: number): Promise<ClaimOutcome>
  /** Marks the event as handled; the record expires after the store's retention. */
  complete(key: DedupKey): Promise<void>
  /** Removes the marker after a failed handler, so the next delivery can run it again. */
  release(key: DedupKey): Promise<void>
  /**
   * Commits `effect` and the completed dedup record in one transaction (see `effects.ts`). Resolves
   * `Duplicate` (nothing written) when the event was already handled, unless `reprocess`. Throws
   * `EffectConditionFailedError` when no alternative's conditions hold, `DedupStoreError` otherwise.
   * Optional: only a store that shares a transaction with the effect's tables can offer it.
   */
  commit?(key: DedupKey, effect: Effect, options: { reprocess: boolean }): Promise<ClaimOutcome>
}
