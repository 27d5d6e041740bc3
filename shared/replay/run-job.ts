/**
 * Runs a job this invocation owns, from its cursor, until it is done or the invocation's time is
 * nearly up. Reads pages one ahead, sends full batches of 10 at the capped rate with up to
 * {@link MAX_IN_FLIGHT} batches in flight, and applies their outcomes in the order they were read,
 * so the cursor never passes an event that has not been sent.
 *
 * The cursor is saved with the counts every {@link CHECKPOINT_BATCHES} batches or
 * {@link CHECKPOINT_MS}, whichever comes first, and by the caller when the run ends (finished or
 * handed over). A crash therefore re-sends at most CHECKPOINT_BATCHES + MAX_IN_FLIGHT batches (540
 * events): at-least-once, never a loss. A cancel is noticed at the next save, within that too.
 * Saving after every batch instead halved the throughput (a conditional PutItem per 10 events).
 */
import { ChannelLimits } from '../channels/limits.ts'
import type { StoredEvent } from '../store/event-store.ts'
import type { InvocationBudget, ReplayDeps } from './deps.ts'
import { type ReplayEnvelope, toReplayEnvelope } from './envelope.ts'
import { OrderedWindow } from './ordered-window.ts'
import { PageReader } from './page-reader.ts'
import { eventSummary, progressFields } from './progress.ts'
import { type BatchOutcome, sendWithRetries } from './send-batch.ts'
import { type ResolvedTarget, resolveTarget } from './target.ts'
import { TokenBucket } from './token-bucket.ts'
import type { ReplayCursor, ReplayFailure, ReplayJob } from './types.ts'

const BATCH = ChannelLimits.maxBatchEntries
/** Failures kept in the job record as a sample. */
export const MAX_FAILURE_SAMPLES = 10
/** Send batches in flight at once: enough to overlap the sends' round trips, few enough not to burst. */
export const MAX_IN_FLIGHT = 4
/** Batches sent between two saves of the cursor, at most. */
export const CHECKPOINT_BATCHES = 50
/** Milliseconds between two saves of the cursor, at most (slow rates: progress and cancel within ~1 s). */
export const CHECKPOINT_MS = 1_000

/** An event on its way: its envelope, or why it cannot have one, and the cursor after it. */
interface Pending {
  event: StoredEvent
  envelope?: ReplayEnvelope
  failure?: ReplayFailure
  after: ReplayCursor
}

/** A batch on its way (none: the cursor moves past a page without one), the cursor after it, the send's outcome. */
interface Step {
  batch: Pending[]
  cursor: ReplayCursor
  outcome?: BatchOutcome
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
  clock: () => number
  sleep: (ms: number) => Promise<void>
  /** Batches started, and batches applied (sent and counted). */
  started: number
  batches: number
  /** Batches applied since the last save, and when it was. */
  unsaved: number
  savedAt: number
  /** The run is over and the caller saves next: no checkpoint of its own. */
  ending: boolean
}

export async function runJob(
  job: ReplayJob,
  owner: string,
  deps: ReplayDeps,
  budget: InvocationBudget,
): Promise<RunEnd> {
  const clock = deps.now ?? Date.now
  const target = resolveTarget(
    job.spec.target,
    deps.topology,
    deps.channels,
    job.jobId,
    job.spec.projectionVersion,
  )
  const inFlight = target.ordered ? 1 : MAX_IN_FLIGHT
  const run: Run = {
    job: { ...job, invocations: job.invocations + 1 },
    owner,
    deps,
    target,
    // Room for the batches in flight: with one batch of room, each send waited a timer tick
    // (≥ 1 ms) for its tokens, capping 10,000/s near 6,000/s; the average still holds the rate.
    bucket: new TokenBucket(job.spec.ratePerSecond, BATCH * inFlight, deps.now ?? (() => performance.now())),
    clock,
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    started: 0,
    batches: 0,
    unsaved: 0,
    savedAt: clock(),
    ending: false,
  }
  const window = new OrderedWindow<Step>(inFlight, (step) => apply(run, step))
  try {
    const kind = await readAndSend(run, window, budget)
    if (kind === 'lost') return { kind, job: run.job }
    // The caller saves the job right after (finished or handed over), which checks for a cancel too.
    run.ending = true
    return { kind: (await window.drain()) ? kind : 'lost', job: run.job }
  } finally {
    // Only left non-empty by a failure: wait for the sends still in flight before rethrowing.
    await window.abandon()
  }
}

/** Reads and starts sending; the caller drains the window. */
async function readAndSend(
  run: Run,
  window: OrderedWindow<Step>,
  budget: InvocationBudget,
): Promise<RunEnd['kind']> {
  const { spec } = run.job
  // The margin covers reading a page and saving; on top, the wait for one full batch's tokens.
  const reserve = budget.marginMs + (BATCH / spec.ratePerSecond) * 1000
  const reader = new PageReader(run.deps.events, spec.filter, run.job.cursor)
  let read: ReplayCursor | undefined = run.job.cursor
  let buffer: Pending[] = []
  let envelopes = 0
  // At least one page per invocation, however short of time: a misconfigured margin must not make
  // every continuation hand over without progress, forever.
  let pages = 0
  while (read !== undefined && (pages === 0 || budget.remainingMs() > reserve)) {
    const page = await reader.next()
    if (page === undefined) break
    pages += 1
    for (const item of page.items) {
      const pending = prepare(item.event, item.after, run)
      if (pending === undefined) continue
      buffer.push(pending)
      if (pending.envelope) envelopes += 1
      if (envelopes < BATCH) continue
      // Out of time mid-page: the cursor stays just after the last batch sent; the rest is re-read.
      if (run.started > 0 && budget.remainingMs() <= reserve) return 'outOfTime'
      if (!(await start(run, window, buffer, pending.after))) return 'lost'
      buffer = []
      envelopes = 0
    }
    read = page.next
    if (buffer.length === 0 && read !== undefined && !(await start(run, window, [], read))) return 'lost'
  }
  const last = buffer.at(-1)
  // Out of time or done: send what is buffered, so the cursor can move past the pages just read.
  if (last && !(await start(run, window, buffer, read ?? last.after))) return 'lost'
  return read === undefined ? 'finished' : 'outOfTime'
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

/** Starts sending a batch (unless dry run) once the rate cap allows it. False when the job was lost. */
async function start(run: Run, window: OrderedWindow<Step>, batch: Pending[], cursor: ReplayCursor) {
  if (batch.length > 0) run.started += 1
  const envelopes = batch.flatMap((p) => (p.envelope ? [p.envelope] : []))
  if (run.job.spec.dryRun || envelopes.length === 0) {
    if (!(await window.room())) return false
    window.add(Promise.resolve({ batch, cursor }))
    return true
  }
  // Tokens are taken one batch at a time, in order, before the send starts: the cap holds however
  // many batches are in flight. The sends that finished meanwhile are counted (and saved, when due)
  // before the next one starts, so progress and a cancel show promptly even at slow rates.
  await run.bucket.take(envelopes.length, run.sleep)
  if (!(await window.room())) return false
  window.add(
    sendWithRetries(run.target, envelopes, run.sleep).then((outcome) => ({ batch, cursor, outcome })),
  )
  return true
}

/** Counts a step whose send is over and moves the cursor past it; saves when due. False when lost. */
async function apply(run: Run, { batch, cursor, outcome }: Step): Promise<boolean> {
  const { job } = run
  job.cursor = cursor
  const first = batch[0]
  const last = batch.at(-1)
  if (first === undefined || last === undefined) return true
  const failures = batch.flatMap((p) => (p.failure ? [p.failure] : []))
  if (outcome) {
    job.sent += outcome.sent
    failures.push(...outcome.failed.map((f) => ({ eventId: f.id, code: f.code, message: f.message })))
  }
  job.matched += batch.length
  job.failed += failures.length
  if (job.failures.length < MAX_FAILURE_SAMPLES && failures.length > 0) {
    job.failures = [...job.failures, ...failures].slice(0, MAX_FAILURE_SAMPLES)
  }
  job.first ??= eventSummary(first.event)
  job.last = eventSummary(last.event)
  const now = run.clock()
  job.updatedAt = new Date(now).toISOString()
  run.batches += 1
  if (run.batches % 100 === 0) run.deps.logger.info('Replay progress', progressFields(job))
  run.unsaved += 1
  if (run.ending || (run.unsaved < CHECKPOINT_BATCHES && now - run.savedAt < CHECKPOINT_MS)) return true
  run.unsaved = 0
  run.savedAt = now
  return (await run.deps.jobs.save(job, run.owner)) === 'saved'
}
