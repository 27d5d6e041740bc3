/**
 * The replay job model: what an operator asked for (the spec), where the job is (cursor), and what
 * it has done so far (counts). One job record per replay, kept in the jobs table.
 */

/** Where replayed events go: one consumer's queue, or a topic (every matching subscriber). */
export type ReplayTarget = { consumer: string } | { topic: string }

/** Which events to replay. `from` is inclusive, `to` exclusive (ISO-8601, canonical `toISOString`). */
export interface ReplayFilter {
  streamIds?: string[]
  types?: string[]
  from?: string
  to?: string
}

/** A validated replay: the request with defaults applied, frozen in the job record. */
export interface ReplaySpec {
  target: ReplayTarget
  filter: ReplayFilter
  dryRun: boolean
  /** Events per second at most. */
  ratePerSecond: number
  /** Ask idempotent consumers to handle events they have already seen. */
  reprocess: boolean
  /**
   * Set by a projection rebuild (`shared/projection/rebuild.ts`): the target consumer's function is
   * invoked with the events, applying them to this version of its projection only.
   */
  projectionVersion?: number
}

/** Status values of a job. */
export const ReplayStatus = {
  /** Held by an invocation or a pending continuation, or free to resume after a crash. */
  Running: 'running',
  Completed: 'completed',
  Cancelled: 'cancelled',
  /** Its last run stopped on an error (see `error`); nothing runs it, and `{ jobId }` resumes it. */
  Failed: 'failed',
} as const

export type ReplayStatus = (typeof ReplayStatus)[keyof typeof ReplayStatus]

/**
 * Where to continue. Time reads: the store's page cursor the current page was read with, and how
 * many events of that page are done (pages are deterministic for a fixed range, so re-reading one
 * and skipping is exact). Stream reads: which stream of `filter.streamIds`, and its next version.
 */
export type ReplayCursor =
  | { kind: 'time'; page?: string; skip: number }
  | { kind: 'streams'; stream: number; fromVersion: number }

/** An event as job status and dry runs show it. */
export interface EventSummary {
  id: string
  streamId: string
  version: number
  type: string
  time: string
}

/** One event that could not be sent, as a sample kept in the job record. */
export interface ReplayFailure {
  eventId: string
  code: string
  message: string
}

/** The job record. */
export interface ReplayJob {
  jobId: string
  spec: ReplaySpec
  status: ReplayStatus
  cursor: ReplayCursor
  /** Events that matched and were handled (sent, failed, or counted in a dry run). */
  matched: number
  /** Messages accepted by SQS/SNS (a batch re-sent after a crash counts again: at-least-once). */
  sent: number
  /** Events that could not be sent (see `failures` for a sample). */
  failed: number
  first?: EventSummary
  last?: EventSummary
  /** The first few failures, with their reasons. */
  failures: ReplayFailure[]
  /** Why the job failed, when it did. */
  error?: string
  /** Invocations that have worked on the job (continuations included). */
  invocations: number
  createdAt: string
  updatedAt: string
  finishedAt?: string
  /** The invocation (or pending continuation) that owns the job; absent when none does. */
  leaseOwner?: string
  /** Epoch ms until which `leaseOwner` holds the job; after it, `{ jobId }` may resume it. */
  leaseUntil: number
}

/** Whether a status is final: a failed job is not, `{ jobId }` resumes it. */
export const isFinished = (status: ReplayStatus): boolean =>
  status === ReplayStatus.Completed || status === ReplayStatus.Cancelled
