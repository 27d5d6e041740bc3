/**
 * The replay jobs port. A job is owned by one invocation at a time through a lease (`leaseOwner`,
 * `leaseUntil`), so a status request never runs a job twice and a crashed run can be taken over
 * once its lease has expired. Adapters: `dynamodb-job-store.ts`, `in-memory-job-store.ts`.
 */
import type { ReplayJob } from './types.ts'

/** Outcome of a conditional save. */
export type SaveOutcome = 'saved' | 'lost'

export interface ReplayJobStore {
  /** Stores a new job; returns the existing one instead when the id is taken. */
  create(job: ReplayJob): Promise<{ created: true } | { created: false; existing: ReplayJob }>
  get(jobId: string): Promise<ReplayJob | undefined>
  /**
   * Gives the job to `owner` until `leaseUntil` if it is running and its lease is free, expired at
   * `now`, or held by `handover` (a continuation presenting its token), or if it failed: the job is
   * then running again, without its error. Returns the job as taken.
   */
  acquire(
    jobId: string,
    lease: { owner: string; leaseUntil: number; now: number; handover?: string },
  ): Promise<ReplayJob | undefined>
  /**
   * Replaces the job if it is still running and owned by `owner`; `lost` when it was cancelled or
   * taken over meanwhile (the caller stops).
   */
  save(job: ReplayJob, owner: string): Promise<SaveOutcome>
  /**
   * Marks the job failed with `error` and frees it, if it is still running and owned by `owner`
   * (its counts and cursor stay those of its last save). Returns the job as it is afterwards.
   */
  fail(jobId: string, owner: string, failure: { error: string; now: string }): Promise<ReplayJob | undefined>
  /** Marks a running or failed job cancelled; returns the job as it is afterwards (undefined if none). */
  cancel(jobId: string, now: string): Promise<ReplayJob | undefined>
}
