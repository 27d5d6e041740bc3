/**
 * The Replay page's actions, all through the replay function: a dry run, a run (started without
 * waiting, as `npm run replay` does, and followed by `{ jobId }` status requests), cancel and resume;
 * and the list of jobs, read from the jobs table.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { toResponse } from '../../../shared/replay/response.ts'
import type { ReplayJob } from '../../../shared/replay/types.ts'
import { type Invocation, invokeFunction } from './functions.ts'
import type { StudioSources } from './sources.ts'

/** How long a run's start waits for its job to exist before answering that it did not start. */
const START_WAIT_MS = 10_000
/** Jobs listed: the newest of one Scan page; the table holds a job 30 days after it finished. */
const LISTED_JOBS = 50

const replay = (s: StudioSources, request: unknown) => invokeFunction(s, s.functions.replay, request)

export const previewReplay = (s: StudioSources, request: Record<string, unknown>) =>
  replay(s, { ...request, dryRun: true })

/** Starts a job in the background and answers with its first status (or the request's rejection). */
export async function startReplay(
  s: StudioSources,
  request: Record<string, unknown>,
  log: (line: string) => void,
): Promise<Invocation> {
  const jobId = typeof request.jobId === 'string' ? request.jobId : randomUUID()
  return follow(s, { ...request, jobId }, jobId, log)
}

/** Resumes a job whose invocation stopped (a crash) or asks its status: `{ jobId }`. */
export const resumeReplay = (s: StudioSources, jobId: string, log: (line: string) => void) =>
  follow(s, { jobId }, jobId, log)

export const cancelReplay = (s: StudioSources, jobId: string) => replay(s, { jobId, cancel: true })

export const replayStatus = (s: StudioSources, jobId: string) => replay(s, { jobId })

async function follow(s: StudioSources, request: unknown, jobId: string, log: (line: string) => void) {
  let first: Invocation | undefined
  // The start invocation runs the job until it ends or its time runs out: it is not awaited here.
  replay(s, request).then(
    (outcome) => {
      first = outcome
    },
    (error: unknown) => {
      first = { ok: false, errorType: 'InvokeError', errorMessage: String(error) }
      log(`[studio] replay ${jobId} invocation failed: ${String(error)}`)
    },
  )
  const deadline = Date.now() + START_WAIT_MS
  while (Date.now() < deadline) {
    if (first) return first
    const status = await replayStatus(s, jobId)
    // ReplayJobNotFoundError: the start invocation has not created the job yet.
    if (status.ok || status.errorType !== 'ReplayJobNotFoundError') return status
    await sleep(100)
  }
  return (
    first ?? {
      ok: false,
      errorType: 'ReplayNotStarted',
      errorMessage: `job ${jobId} did not start within ${START_WAIT_MS / 1000} s`,
    }
  )
}

export async function listReplayJobs(s: StudioSources) {
  const doc = DynamoDBDocumentClient.from(s.dynamodb)
  const out = await doc.send(new ScanCommand({ TableName: s.tables.replayJobs, Limit: 200 }))
  return (out.Items ?? [])
    .map((item) => toResponse(item as ReplayJob))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, LISTED_JOBS)
}
