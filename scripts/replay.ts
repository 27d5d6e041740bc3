/**
 * `npm run replay -- --consumer order-summary --from 2026-01-01T00:00:00Z [--dry-run] ...`: invokes
 * the replay function through the local Invoke API (`npm start` must be running), shows progress by
 * polling the job's status, then prints the final status as JSON on stdout. Exit code 1 when the
 * request is rejected or the job does not complete cleanly. On AWS, invoke the function instead.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ReplayResponse } from '../shared/replay/response.ts'
import {
  closeInvokeClient,
  describeFailure,
  endpoint,
  type InvokeOutcome,
  invokeReplay,
  startInvocation,
} from './lib/invoke-replay.ts'
import { REPLAY_USAGE, ReplayUsageError, requestFromArgs } from './lib/replay-args.ts'
import { ProgressView } from './lib/replay-progress.ts'

type Outcome = InvokeOutcome<ReplayResponse>

const invoke = (request: unknown): Promise<Outcome> => invokeReplay<ReplayResponse>(request)

/** Starts the job and polls `{ jobId }` until it is over; the start call returns at its own deadline. */
async function follow(request: Record<string, unknown>, jobId: string): Promise<Outcome> {
  const view = new ProgressView(process.stderr)
  const started = Date.now()
  const start = startInvocation<ReplayResponse>(request)
  try {
    for (;;) {
      await Promise.race([start.settled, sleep(1000)])
      const first = start.outcome()
      if (first && !first.ok) return first
      if (first?.ok && first.status.status !== 'running') return first
      const poll = await invoke({ jobId })
      // ReplayJobNotFoundError: the start invocation has not created the job yet.
      if (!poll.ok && poll.errorType !== 'ReplayJobNotFoundError') return poll
      if (poll.ok) view.update(poll.status, Date.now() - started)
      if (poll.ok && poll.status.status !== 'running') return poll
    }
  } finally {
    view.end()
  }
}

async function main(): Promise<number> {
  const request = requestFromArgs(process.argv.slice(2))
  if (request === undefined) {
    console.error(REPLAY_USAGE)
    return 0
  }
  const following = request.target !== undefined && request.dryRun !== true
  const jobId = typeof request.jobId === 'string' ? request.jobId : randomUUID()
  const outcome = following ? await follow({ ...request, jobId }, jobId) : await invoke(request)
  if (!outcome.ok) {
    console.error(describeFailure(outcome))
    return 1
  }
  const { status } = outcome
  console.log(JSON.stringify(status, null, 2))
  const what = status.dryRun ? `would send ${status.matched}` : `sent ${status.sent}, failed ${status.failed}`
  console.error(`Replay ${status.jobId} ${status.status}: ${what}`)
  return status.status === 'completed' && status.failed === 0 ? 0 : status.status === 'running' ? 0 : 1
}

try {
  process.exitCode = await main()
} catch (error) {
  if (error instanceof ReplayUsageError) console.error(`${error.message}\n\n${REPLAY_USAGE}`)
  else
    console.error(
      `Replay failed on ${endpoint}: ${(error as Error).message}\nIs the local stack running (npm start)?`,
    )
  process.exitCode = 1
} finally {
  closeInvokeClient()
}
