/**
 * Runs a job this invocation owns, from its cursor, until it is done or the invocation's time is
 * nearly up: reads pages, sends full batches of 10 at the capped rate, and saves the cursor with the
 * counts after every batch, so a crash re-sends at most one batch (at-least-once, never a loss).
 */
import { ChannelLimits } from '../channels/limits.ts'
import type { StoredEvent } from '../store/event-store.ts'
import type { InvocationBudget, ReplayDeps } from './deps.ts'
import { type ReplayEnvelope, toReplayEnvelope } from './envelope.ts'
import { sendWithRetries } from './send-batch.ts'
import { readPage } from './source.ts'
import { type ResolvedTarget, resolveTarget } from './target.ts'
import { TokenBucket } from './token-bucket.ts'
import type { EventSummary, ReplayCursor, ReplayFailure, ReplayJob } from './types.ts'

const BATCH = ChannelLimits.maxBatchEntries
/** Failures kept in the job record as a sample. */
export const MAX_FAILURE_SAMPLES = 10

/** An event on its way: its envelope, or why it cannot have one, and the cursor after it. */
interface Pending {
  event: StoredEvent
  envelope?: ReplayEnvelope
  failure?: ReplayFailure
  after: ReplayCursor
}

/** Why a run stopped: the job is over, the invocation's time is up, or the job was lost. */
export type RunEnd = { kind: 'finished' | 'outOfTime' | 'lost'; job: ReplayJob }

/** Mutable state of one run. */
interface Run {
  job: ReplayJob
  owner: string
  deps: ReplayDeps
  target: ResolvedTarget
  bucket: TokenBucket
  batches: number
}

export async function runJob(
  job: ReplayJob,
  owner: string,
  deps: ReplayDeps,
  budget: InvocationBudget,
): Promise<RunEnd> {
  const { spec } = job
  const run: Run = {
    job: { ...job, invocations: job.invocations + 1 },
    owner,
    deps,
    target: resolveTarget(spec.target, deps.addresses, deps.channels),
    bucket: new TokenBucket(spec.ratePerSecond, BATCH, deps.now ?? (() => performance.now())),
    batches: 0,
  }
  // The margin covers reading a page and saving; on top, the wait for one full batch's tokens.
  const reserve = budget.marginMs + (BATCH / spec.ratePerSecond) * 1000
  let read: ReplayCursor | undefined = run.job.cursor
  let buffer: Pending[] = []
  // At least one page per invocation, however short of time: a misconfigured margin must not make
  // every continuation hand over without progress, forever.
  let pages = 0
  while (read !== undefined && (pages === 0 || budget.remainingMs() > reserve)) {
    const page = await readPage(deps.events, spec.filter, read)
    pages += 1
    for (const item of page.items) {
      const pending = prepare(item.event, item.after, run)
      if (pending === undefined) continue
      buffer.push(pending)
      if (buffer.filter((p) => p.envelope).length < BATCH) continue
      // Out of time mid-page: the cursor is still just after the last batch sent; the rest is re-read.
      if (run.batches > 0 && budget.remainingMs() <= reserve) return { kind: 'outOfTime', job: run.job }
      if (!(await flush(run, buffer, pending.after))) return { kind: 'lost', job: run.job }
      buffer = []
    }
    read = page.next
    if (buffer.length === 0 && read !== undefined) run.job.cursor = read
  }
  const last = buffer.at(-1)
  // Out of time or done: send what is buffered, so the cursor can move past the pages just read.
  if (last && !(await flush(run, buffer, read ?? last.after))) return { kind: 'lost', job: run.job }
  return { kind: read === undefined ? 'finished' : 'outOfTime', job: run.job }
}

function prepare(event: StoredEvent, after: ReplayCursor, run: Run): Pending | undefined {
  const { source } = run.deps
  try {
    const envelope = toReplayEnvelope(event, run.deps.registry, { source, reprocess: run.job.spec.reprocess })
    return run.target.accepts(envelope) ? { event, envelope, after } : undefined
  } catch (error) {
    const stub = {
      id: event.id,
      type: event.type,
      subject: event.streamId,
      schemaversion: event.schemaVersion,
    }
    if (!run.target.accepts(stub)) return undefined
    const message = error instanceof Error ? error.message : String(error)
    return { event, after, failure: { eventId: event.id, code: 'UpcastFailed', message } }
  }
}

/** Sends (unless dry run) a batch, updates counts and cursor, saves. False when the job was lost. */
async function flush(run: Run, batch: Pending[], cursor: ReplayCursor): Promise<boolean> {
  const { deps, job } = run
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const envelopes = batch.flatMap((p) => (p.envelope ? [p.envelope] : []))
  const failures = batch.flatMap((p) => (p.failure ? [p.failure] : []))
  if (!job.spec.dryRun && envelopes.length > 0) {
    await run.bucket.take(envelopes.length, sleep)
    const outcome = await sendWithRetries(run.target, envelopes, sleep)
    job.sent += outcome.sent
    failures.push(...outcome.failed.map((f) => ({ eventId: f.id, code: f.code, message: f.message })))
  }
  job.matched += batch.length
  job.failed += failures.length
  job.failures = [...job.failures, ...failures].slice(0, MAX_FAILURE_SAMPLES)
  job.first ??= summary((batch[0] as Pending).event)
  job.last = summary((batch.at(-1) as Pending).event)
  job.cursor = cursor
  job.updatedAt = new Date((deps.now ?? Date.now)()).toISOString()
  run.batches += 1
  if (run.batches % 100 === 0) deps.logger.info('Replay progress', progressFields(job))
  return (await deps.jobs.save(job, run.owner)) === 'saved'
}

const summary = (e: StoredEvent): EventSummary => ({
  id: e.id,
  streamId: e.streamId,
  version: e.version,
  type: e.type,
  time: e.time,
})

/** Log fields of a job's progress. */
export const progressFields = (job: ReplayJob) => ({
  jobId: job.jobId,
  status: job.status,
  matched: job.matched,
  sent: job.sent,
  failed: job.failed,
  lastEventTime: job.last?.time,
})
