import type { ReplayJobStore, SaveOutcome } from '../job-store.ts'
import { type ReplayJob, ReplayStatus } from '../types.ts'

/** {@link ReplayJobStore} in memory, for fast domain tests; same conditions as the DynamoDB adapter. */
export class InMemoryReplayJobStore implements ReplayJobStore {
  readonly #jobs = new Map<string, ReplayJob>()

  async create(job: ReplayJob) {
    const existing = this.#jobs.get(job.jobId)
    if (existing) return { created: false as const, existing: structuredClone(existing) }
    this.#jobs.set(job.jobId, structuredClone(job))
    return { created: true as const }
  }

  async get(jobId: string) {
    const job = this.#jobs.get(jobId)
    return job && structuredClone(job)
  }

  async acquire(jobId: string, lease: { owner: string; leaseUntil: number; now: number; handover?: string }) {
    const job = this.#jobs.get(jobId)
    if (!job || (job.status !== ReplayStatus.Running && job.status !== ReplayStatus.Failed)) return undefined
    const free = job.leaseOwner === undefined || job.leaseUntil < lease.now
    const handedOver = lease.handover !== undefined && job.leaseOwner === lease.handover
    if (job.status === ReplayStatus.Running && !free && !handedOver) return undefined
    job.status = ReplayStatus.Running
    delete job.error
    job.leaseOwner = lease.owner
    job.leaseUntil = lease.leaseUntil
    return structuredClone(job)
  }

  async save(job: ReplayJob, owner: string): Promise<SaveOutcome> {
    const current = this.#jobs.get(job.jobId)
    if (!current || current.status !== ReplayStatus.Running || current.leaseOwner !== owner) return 'lost'
    this.#jobs.set(job.jobId, structuredClone(job))
    return 'saved'
  }

  async fail(jobId: string, owner: string, failure: { error: string; now: string }) {
    const job = this.#jobs.get(jobId)
    if (job?.status === ReplayStatus.Running && job.leaseOwner === owner) {
      Object.assign(job, {
        status: ReplayStatus.Failed,
        error: failure.error,
        updatedAt: failure.now,
        leaseUntil: 0,
      })
      delete job.leaseOwner
    }
    return job && structuredClone(job)
  }

  async cancel(jobId: string, now: string) {
    const job = this.#jobs.get(jobId)
    if (job?.status === ReplayStatus.Running || job?.status === ReplayStatus.Failed) {
      Object.assign(job, { status: ReplayStatus.Cancelled, updatedAt: now, finishedAt: now })
      delete job.leaseOwner
    }
    return job && structuredClone(job)
  }
}
