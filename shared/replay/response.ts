/** The answer to every replay request: the job's status and counts, without its internal lease. */
import { jobProgress } from './progress.ts'
import type {
  EventSummary,
  ReplayFailure,
  ReplayFilter,
  ReplayJob,
  ReplayStatus,
  ReplayTarget,
} from './types.ts'

export interface ReplayResponse {
  jobId: string
  status: ReplayStatus
  dryRun: boolean
  target: ReplayTarget
  filter: ReplayFilter
  ratePerSecond: number
  reprocess: boolean
  /** A projection rebuild's job: the version it builds. */
  projectionVersion?: number
  matched: number
  sent: number
  failed: number
  /** 0–1, an estimate (see `progress.ts`). */
  progress: number
  first?: EventSummary
  last?: EventSummary
  failures?: ReplayFailure[]
  error?: string
  invocations: number
  createdAt: string
  updatedAt: string
  finishedAt?: string
}

export function toResponse(job: ReplayJob): ReplayResponse {
  const { spec } = job
  return {
    jobId: job.jobId,
    status: job.status,
    dryRun: spec.dryRun,
    target: spec.target,
    filter: spec.filter,
    ratePerSecond: spec.ratePerSecond,
    reprocess: spec.reprocess,
    ...(spec.projectionVersion === undefined ? {} : { projectionVersion: spec.projectionVersion }),
    matched: job.matched,
    sent: job.sent,
    failed: job.failed,
    progress: jobProgress(job),
    ...(job.first ? { first: job.first } : {}),
    ...(job.last ? { last: job.last } : {}),
    ...(job.failures.length > 0 ? { failures: job.failures } : {}),
    ...(job.error ? { error: job.error } : {}),
    invocations: job.invocations,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  }
}
