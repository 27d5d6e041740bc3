/**
 * Consumers that start from history. A consumer declared with `startFrom: 'beginning'` or
 * `{ time }` is caught up by a replay to its own queue, started after its subscription exists: the
 * events stored before the replay starts come through the replay, those stored after through the
 * subscription, and the events stored in between come both ways, which the consumer's deduplication
 * (consumer × event id) turns into one effect. The CDK stack starts it after deploy, the local runtime
 * at `npm start`; both send the same request, built here.
 *
 * The job id is fixed per consumer, so starting it again (a later deploy, the next `npm start`) finds
 * the job instead of replaying twice: the replay function answers a completed or cancelled job's
 * status, and resumes a failed one, or a running one whose invocation died, from its checkpoint.
 */
import { isoTime } from '../replay/request-schema.ts'
import type { BackboneDeclaration, ConsumerDeclaration, StartPosition } from './declaration.ts'

/** The replay request of a catch-up (DESIGN.md's replay request; `to` defaults to the job's start). */
export interface CatchUpRequest {
  readonly jobId: string
  readonly target: { readonly consumer: string }
  readonly filter: { readonly from?: string }
}

/** Thrown when a consumer's `startFrom` is not a start position. */
export class InvalidStartPositionError extends Error {
  constructor(consumer: string, problem: string) {
    super(`consumer "${consumer}" startFrom ${problem}`)
    this.name = 'InvalidStartPositionError'
  }
}

/** The catch-up job id of `consumer` (replay job ids allow 64 characters; consumer names 40). */
export const catchUpJobId = (consumer: string): string => `catch-up-${consumer}`

/**
 * What is wrong with `startFrom`, or undefined. `now` is when the check runs (synth, `npm start`):
 * a start in the future would replay nothing, so it is refused rather than silently meaning `now`.
 */
export function startPositionProblem(startFrom: unknown, now: Date): string | undefined {
  if (startFrom === undefined || startFrom === 'now' || startFrom === 'beginning') return undefined
  const expected = `must be "now", "beginning" or { time: "<ISO-8601 date-time>" }`
  if (typeof startFrom !== 'object' || startFrom === null || Array.isArray(startFrom)) return expected
  const { time, ...rest } = startFrom as { time?: unknown }
  if (Object.keys(rest).length > 0 || typeof time !== 'string') return expected
  // The replay request's own rule for times.
  if (!isoTime.safeParse(time).success) {
    return `time must be an ISO-8601 date-time with an offset, like 2026-01-01T00:00:00Z (got "${time}")`
  }
  if (Date.parse(time) > now.getTime()) return `time ${time} is in the future`
  return undefined
}

/** The catch-up request of `consumer`, or undefined when it starts `now`. */
export function catchUpRequest(
  consumer: Pick<ConsumerDeclaration, 'name' | 'startFrom'>,
  now: Date = new Date(),
): CatchUpRequest | undefined {
  const start: StartPosition = consumer.startFrom ?? 'now'
  const problem = startPositionProblem(start, now)
  if (problem !== undefined) throw new InvalidStartPositionError(consumer.name, problem)
  if (start === 'now') return undefined
  const base = { jobId: catchUpJobId(consumer.name), target: { consumer: consumer.name } }
  // From the beginning: the replay reads from the oldest stored event (the store records it).
  if (start === 'beginning') return { ...base, filter: {} }
  return { ...base, filter: { from: new Date(Date.parse(start.time)).toISOString() } }
}

/** The catch-up requests of every consumer of `declaration` that starts in the past. */
export function catchUpRequests(declaration: BackboneDeclaration, now: Date = new Date()): CatchUpRequest[] {
  return declaration.consumers.flatMap((consumer) => catchUpRequest(consumer, now) ?? [])
}
