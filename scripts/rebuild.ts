/**
 * `npm run rebuild -- order-summary [--status | --activate <n> | --remove <n>] [--rate <n>]`: sends the
 * projection request to the replay function through the local Invoke API (`npm start` must be
 * running). A rebuild shows its job's progress while it runs, then prints the projection's status as
 * JSON on stdout. Exit code 1 when the request is refused or the new version ends incomplete. On AWS,
 * invoke the replay function with the same JSON instead.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { ProjectionStatus } from '../shared/projection/rebuild.ts'
import {
  closeInvokeClient,
  describeFailure,
  endpoint,
  type InvokeOutcome,
  invokeReplay,
  startInvocation,
} from './lib/invoke-replay.ts'
import { REBUILD_USAGE, RebuildUsageError, rebuildRequestFromArgs } from './lib/rebuild-args.ts'
import { ProgressView } from './lib/replay-progress.ts'

type Outcome = InvokeOutcome<ProjectionStatus>

const invoke = (request: unknown): Promise<Outcome> => invokeReplay<ProjectionStatus>(request)

/** Runs the rebuild, showing the building version's job from `--status` polls meanwhile. */
async function follow(request: Record<string, unknown>): Promise<Outcome> {
  const view = new ProgressView(process.stderr)
  const started = Date.now()
  const rebuild = startInvocation<ProjectionStatus>(request)
  const building = (outcome: Outcome) =>
    outcome.ok && outcome.status.versions.some((v) => v.status === 'building')
  let done: Outcome | undefined
  try {
    // A long history continues in further invocations: poll until the version is built.
    for (;;) {
      await Promise.race([rebuild.settled, sleep(1000)])
      done ??= rebuild.outcome()
      if (done !== undefined && !building(done)) return done
      const poll = await invoke({ projection: request.projection, status: true })
      const job = poll.ok ? poll.status.versions.find((v) => v.status === 'building')?.job : undefined
      if (job) view.update(job, Date.now() - started)
      if (rebuild.outcome() !== undefined) done = poll
    }
  } finally {
    view.end()
  }
}

async function main(): Promise<number> {
  const request = rebuildRequestFromArgs(process.argv.slice(2))
  if (request === undefined) {
    console.error(REBUILD_USAGE)
    return 0
  }
  const rebuilding = !('status' in request || 'activate' in request || 'remove' in request)
  // Ask for the status first, so an unknown projection is refused before "Rebuilding…" is printed.
  const known = rebuilding ? await invoke({ projection: request.projection, status: true }) : undefined
  if (known?.ok === false) {
    console.error(describeFailure(known))
    return 1
  }
  if (rebuilding)
    console.error(`Rebuilding ${request.projection}: waiting for every consumer to follow the new version…`)
  const outcome = rebuilding ? await follow(request) : await invoke(request)
  if (!outcome.ok) {
    console.error(describeFailure(outcome))
    return 1
  }
  const { status } = outcome
  console.log(JSON.stringify(status, null, 2))
  const newest = status.versions.at(-1)
  console.error(`${status.projection}: readers are served version ${status.active}`)
  return rebuilding && newest?.status === 'incomplete' ? 1 : 0
}

try {
  process.exitCode = await main()
} catch (error) {
  if (error instanceof RebuildUsageError) console.error(`${error.message}\n\n${REBUILD_USAGE}`)
  else
    console.error(
      `Rebuild failed on ${endpoint}: ${(error as Error).message}\nIs the local stack running (npm start)?`,
    )
  process.exitCode = 1
} finally {
  closeInvokeClient()
}
