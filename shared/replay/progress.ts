/** How far a replay job has got: a fraction for progress bars, log fields, the events it reached. */
import type { StoredEvent } from '../store/event-store.ts'
import { type EventSummary, isFinished, type ReplayJob } from './types.ts'

/**
 * How far a job has got, as a fraction, for progress bars: by stream for stream reads, by the time
 * of the last handled event within the range for time reads. An estimate: events are rarely spread
 * evenly over time, but it needs no counting pass over the history.
 */
export function jobProgress(job: ReplayJob): number {
  if (isFinished(job.status)) return 1
  const { cursor, spec } = job
  if (cursor.kind === 'streams') return clamp(cursor.stream / (spec.filter.streamIds?.length ?? 1))
  // From the beginning: measured from the first event the job reached.
  const from = Date.parse(spec.filter.from ?? job.first?.time ?? '')
  const to = Date.parse(spec.filter.to ?? '')
  const last = job.last ? Date.parse(job.last.time) : from
  return to > from ? clamp((last - from) / (to - from)) : 0
}

const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0)

/** Log fields of a job's progress. */
export const progressFields = (job: ReplayJob) => ({
  jobId: job.jobId,
  status: job.status,
  matched: job.matched,
  sent: job.sent,
  failed: job.failed,
  lastEventTime: job.last?.time,
})

/** The job record's `first` / `last` event: where the replay is, without the event's data. */
export const eventSummary = (e: StoredEvent): EventSummary => ({
  id: e.id,
  streamId: e.streamId,
  version: e.version,
  type: e.type,
  time: e.time,
})
