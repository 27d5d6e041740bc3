/**
 * The replay service: one entry point for every request the function receives. A new request
 * creates a job and runs it; `{ jobId }` answers the job's status, resuming it when nobody is
 * working on it (a crash); `{ jobId, cancel: true }` stops it. When an invocation's time runs out
 * the job is handed to a continuation invocation of the same function, so any size of history fits.
 */
import { randomUUID } from 'node:crypto'
import { canonicalJson } from '../canonical-json.ts'
import type { InvocationBudget, ReplayDeps } from './deps.ts'
import { ReplayJobNotFoundError, ReplayRequestError } from './errors.ts'
import { progressFields } from './progress.ts'
import { parseReplayRequest, type ReplayCommand } from './request.ts'
import { type ReplayResponse, toResponse } from './response.ts'
import { runJob } from './run-job.ts'
import { initialCursor } from './source.ts'
import { resolveTarget } from './target.ts'
import { type ReplayJob, type ReplaySpec, ReplayStatus } from './types.ts'

/**
 * How long a continuation has to start and claim the job. Lambda may hold an async invocation in its
 * queue a while under throttling; after this, `{ jobId }` may take the job over.
 */
export const HANDOVER_MS = 15 * 60_000

/**
 * Handles a replay request (the Lambda event). Throws `ReplayRequestError` before anything is sent
 * when the request is invalid, `ReplayJobNotFoundError` for an unknown job id.
 *
 * @example
 * const response = await handleReplayRequest({ target: { consumer: 'order-summary' }, filter: { from } }, deps, budget)
 */
export async function handleReplayRequest(
  input: unknown,
  deps: ReplayDeps,
  budget: InvocationBudget,
): Promise<ReplayResponse> {
  const now = (deps.now ?? Date.now)()
  const command = parseReplayRequest(input, deps.registry, deps.topology, new Date(now))
  if (command.kind === 'start') return toResponse(await start(command, deps, budget))
  if (command.kind === 'cancel') {
    const job = await deps.jobs.cancel(command.jobId, new Date(now).toISOString())
    if (!job) throw new ReplayJobNotFoundError(command.jobId)
    deps.logger.info('Replay cancelled', progressFields(job))
    return toResponse(job)
  }
  return toResponse(await resume(command.jobId, deps, budget, command.continuationToken))
}

/** Creates and runs the job of `command` (a parsed request, or a spec built by a projection rebuild). */
export async function start(
  command: Extract<ReplayCommand, { kind: 'start' }>,
  deps: ReplayDeps,
  budget: InvocationBudget,
): Promise<ReplayJob> {
  const newId = deps.newId ?? randomUUID
  const owner = newId()
  const jobId = command.jobId ?? newId()
  // Fails on a target the deployment has no address for, before any job exists.
  resolveTarget(command.spec.target, deps.topology, deps.channels, jobId)
  const now = (deps.now ?? Date.now)()
  const job = newJob(jobId, command.spec, owner, now, now + budget.remainingMs())
  const created = await deps.jobs.create(job)
  if (!created.created) {
    if (!sameSpec(created.existing.spec, command.spec, command.toGiven)) {
      throw new ReplayRequestError('jobId', `job ${job.jobId} exists with a different request`)
    }
    return resume(job.jobId, deps, budget)
  }
  deps.logger.info('Replay started', { ...progressFields(job), spec: job.spec })
  return run(job, owner, deps, budget)
}

function newJob(jobId: string, spec: ReplaySpec, owner: string, at: number, leaseUntil: number): ReplayJob {
  const now = new Date(at).toISOString()
  return {
    jobId,
    spec,
    status: ReplayStatus.Running,
    cursor: initialCursor(spec.filter),
    matched: 0,
    sent: 0,
    failed: 0,
    failures: [],
    invocations: 0,
    createdAt: now,
    updatedAt: now,
    leaseOwner: owner,
    leaseUntil,
  }
}

/** A retry of the same request; `to` defaults to "now", so it only counts when it was given. */
function sameSpec(existing: ReplaySpec, spec: ReplaySpec, toGiven: boolean): boolean {
  const comparable = toGiven ? spec : { ...spec, filter: { ...spec.filter, to: existing.filter.to } }
  return canonicalJson(existing) === canonicalJson(comparable)
}

/** Status of a job; runs it when it is running and free (crashed) or handed to this continuation. */
async function resume(
  jobId: string,
  deps: ReplayDeps,
  budget: InvocationBudget,
  handover?: string,
): Promise<ReplayJob> {
  const owner = (deps.newId ?? randomUUID)()
  const now = (deps.now ?? Date.now)()
  const lease = { owner, now, leaseUntil: now + budget.remainingMs(), ...(handover ? { handover } : {}) }
  const job = await deps.jobs.acquire(jobId, lease)
  if (job) {
    deps.logger.info(handover ? 'Replay continuing' : 'Replay resumed', progressFields(job))
    return run(job, owner, deps, budget)
  }
  const current = await deps.jobs.get(jobId)
  if (!current) throw new ReplayJobNotFoundError(jobId)
  return current
}

/** Runs, then finishes the job or hands it to a continuation. */
async function run(
  job: ReplayJob,
  owner: string,
  deps: ReplayDeps,
  budget: InvocationBudget,
): Promise<ReplayJob> {
  let end: Awaited<ReturnType<typeof runJob>>
  try {
    end = await runJob(job, owner, deps, budget)
  } catch (error) {
    // Still a function error (alarms count it), but the job says so too, and `{ jobId }` resumes it
    // from its last checkpoint instead of waiting for the lease of a run that is over.
    await markFailed(job, owner, error, deps)
    throw error
  }
  if (end.kind === 'lost') return (await deps.jobs.get(job.jobId)) ?? end.job
  const now = new Date((deps.now ?? Date.now)()).toISOString()
  if (end.kind === 'finished') {
    const { leaseOwner: _owner, ...rest } = end.job
    const done: ReplayJob = {
      ...rest,
      status: ReplayStatus.Completed,
      updatedAt: now,
      finishedAt: now,
      leaseUntil: 0,
    }
    if ((await deps.jobs.save(done, owner)) === 'lost') return (await deps.jobs.get(job.jobId)) ?? done
    deps.logger.info('Replay completed', progressFields(done))
    await completed(done, deps)
    return done
  }
  return handOver(end.job, owner, deps)
}

/** Tells `deps.onCompleted`; a failure there is logged, never the job's (it did complete). */
async function completed(job: ReplayJob, deps: ReplayDeps): Promise<void> {
  try {
    await deps.onCompleted?.(job)
  } catch (error) {
    deps.logger.warn('Replay completion hook failed', { jobId: job.jobId, error: String(error) })
  }
}

/** Saves the cursor, gives the lease to a continuation token, and invokes the continuation. */
async function handOver(job: ReplayJob, owner: string, deps: ReplayDeps): Promise<ReplayJob> {
  const token = (deps.newId ?? randomUUID)()
  const handed: ReplayJob = { ...job, leaseOwner: token, leaseUntil: (deps.now ?? Date.now)() + HANDOVER_MS }
  if ((await deps.jobs.save(handed, owner)) === 'lost') return (await deps.jobs.get(job.jobId)) ?? job
  try {
    await deps.continuation.continueJob(job.jobId, token)
    deps.logger.info('Replay continues in a new invocation', progressFields(handed))
    return handed
  } catch (error) {
    // Free the job at once so `{ jobId }` resumes it, instead of waiting out the handover window.
    return (
      (await markFailed(handed, token, error, deps, 'Replay continuation could not be started')) ?? handed
    )
  }
}

/**
 * Marks a job failed after its run (held by `owner`) stopped on `error`, and logs it. Never throws:
 * the caller has an error of its own to report, and a job left running is resumed once its lease ends.
 */
async function markFailed(
  job: ReplayJob,
  owner: string,
  error: unknown,
  deps: ReplayDeps,
  what = 'Replay failed',
): Promise<ReplayJob | undefined> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const now = new Date((deps.now ?? Date.now)()).toISOString()
  let failed: ReplayJob | undefined
  try {
    failed = await deps.jobs.fail(job.jobId, owner, { error: message, now })
  } catch (saveError) {
    deps.logger.warn('Replay job could not be marked failed', { jobId: job.jobId, error: String(saveError) })
  }
  deps.logger.error(`${what}; resume with { jobId }`, { ...progressFields(failed ?? job), error: message })
  return failed
}
