/**
 * Projection rebuilds, blue-green: a rebuild adds a new version (live events reach it from then on),
 * waits until every consumer has seen it, then applies the whole history to it through a replay job
 * (rate-limited, checkpointed, resumable like any replay). When the job completes with every event
 * applied, readers switch to the new version in one conditional write; the old version keeps
 * following live events until removed, so `activate` switches back at once. Readers never see a
 * version before it is complete. Status shows each version and the progress of its job.
 */
import { randomUUID } from 'node:crypto'
import type { InvocationBudget, ReplayDeps } from '../replay/deps.ts'
import { start as startReplay } from '../replay/handle-request.ts'
import { DEFAULT_RATE_PER_SECOND } from '../replay/request-schema.ts'
import { type ReplayResponse, toResponse } from '../replay/response.ts'
import { type ReplayJob, ReplayStatus } from '../replay/types.ts'
import type { DeployedProjection } from './config.ts'
import type { ProjectionLocation } from './dynamodb/state-store.ts'
import { ProjectionStateConflictError, UnknownProjectionError } from './errors.ts'
import { REBUILD_SETTLE_MS } from './follower.ts'
import { parseProjectionRequest } from './rebuild-request.ts'
import {
  activate,
  attachJob,
  beginBuild,
  finishBuild,
  nextVersion,
  type ProjectionState,
  remove,
  type VersionState,
  VersionStatus,
} from './state.ts'

/** What rebuilds are given. */
export interface ProjectionDeps {
  store: {
    get(at: ProjectionLocation): Promise<ProjectionState>
    put(at: ProjectionLocation, next: ProjectionState): Promise<void>
  }
  projections: Readonly<Record<string, DeployedProjection>>
  replay: ReplayDeps
  sleep?: (ms: number) => Promise<void>
}

/** The answer to every projection request. */
export interface ProjectionStatus {
  projection: string
  /** The version readers are served. */
  active: number
  /** The version the code declares (what a rebuild builds when it is new). */
  declaredVersion: number
  versions: Array<VersionState & { version: number; job?: ReplayResponse }>
}

/** Handles a projection request (see `rebuild-request.ts`). Throws `ProjectionError`s naming the field. */
export async function handleProjectionRequest(
  input: unknown,
  deps: ProjectionDeps,
  budget: InvocationBudget,
): Promise<ProjectionStatus> {
  const command = parseProjectionRequest(input)
  const at = locate(command.projection, deps)
  if (command.kind === 'activate') await change(at, deps, (s) => activate(s, command.version))
  if (command.kind === 'remove') await change(at, deps, (s) => remove(s, command.version))
  if (command.kind === 'rebuild') await rebuild(at, deps, budget, command.ratePerSecond)
  return statusOf(at, deps)
}

/** The `onCompleted` hook of the replay: a rebuild's job is over, switch readers if it is complete. */
export function finishRebuilds(deps: Omit<ProjectionDeps, 'replay'>): (job: ReplayJob) => Promise<void> {
  return async (job) => {
    const version = job.spec.projectionVersion
    if (version === undefined || !('consumer' in job.spec.target)) return
    await finish(locate(job.spec.target.consumer, deps), deps, version, job)
  }
}

function locate(projection: string, deps: Pick<ProjectionDeps, 'projections'>): ProjectionLocation {
  const found = Object.hasOwn(deps.projections, projection) ? deps.projections[projection] : undefined
  if (found === undefined) throw new UnknownProjectionError(projection, Object.keys(deps.projections))
  return { projection, tableName: found.tableName, keys: found.keys }
}

/** Reads, changes and writes the state; one retry when another writer came first. */
async function change(
  at: ProjectionLocation,
  deps: Pick<ProjectionDeps, 'store'>,
  next: (state: ProjectionState) => ProjectionState | undefined,
): Promise<ProjectionState | undefined> {
  for (let attempt = 1; ; attempt++) {
    const changed = next(await deps.store.get(at))
    if (changed === undefined) return undefined
    try {
      await deps.store.put(at, changed)
      return changed
    } catch (error) {
      if (!(error instanceof ProjectionStateConflictError) || attempt === 2) throw error
    }
  }
}

async function rebuild(
  at: ProjectionLocation,
  deps: ProjectionDeps,
  budget: InvocationBudget,
  ratePerSecond = DEFAULT_RATE_PER_SECOND,
): Promise<void> {
  const now = deps.replay.now ?? Date.now
  const declared = deps.projections[at.projection]?.version ?? 1
  let version = 0
  await change(at, deps, (s) => {
    version = nextVersion(s, declared)
    return beginBuild(s, version, new Date(now()).toISOString())
  })
  // Consumers cache the state: once this has passed, every one applies live events to the new
  // version too, so the history read below may end here without a gap.
  await (deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(REBUILD_SETTLE_MS)
  const jobId = `rebuild-${at.projection}-v${version}-${(deps.replay.newId ?? randomUUID)().slice(0, 8)}`
  await change(at, deps, (s) => attachJob(s, version, jobId))
  const to = new Date(now()).toISOString()
  const spec = { target: { consumer: at.projection }, filter: { to }, dryRun: false, ratePerSecond }
  await startReplay(
    { kind: 'start', jobId, spec: { ...spec, reprocess: false, projectionVersion: version }, toGiven: true },
    { ...deps.replay, onCompleted: finishRebuilds(deps) },
    budget,
  )
}

/** Marks the build of `version` over: ready and active when `job` applied every event. */
async function finish(
  at: ProjectionLocation,
  deps: Pick<ProjectionDeps, 'store'>,
  version: number,
  job: ReplayJob,
): Promise<void> {
  const complete = job.status === ReplayStatus.Completed && job.failed === 0
  await change(at, deps, (s) => {
    const current = Object.hasOwn(s.versions, String(version)) ? s.versions[version] : undefined
    if (current?.status !== VersionStatus.Building || current.jobId !== job.jobId) return undefined
    return finishBuild(s, version, complete, job.finishedAt ?? job.updatedAt)
  })
}

/** The state with each version's job; finishes a build whose job completed while nobody listened. */
async function statusOf(at: ProjectionLocation, deps: ProjectionDeps): Promise<ProjectionStatus> {
  let state = await deps.store.get(at)
  const jobs = new Map<number, ReplayJob>()
  for (const [key, v] of Object.entries(state.versions)) {
    const job = v.jobId === undefined ? undefined : await deps.replay.jobs.get(v.jobId)
    if (job === undefined) continue
    jobs.set(Number(key), job)
    if (v.status === VersionStatus.Building && job.status === ReplayStatus.Completed) {
      await finish(at, deps, Number(key), job)
      state = await deps.store.get(at)
    }
  }
  return {
    projection: at.projection,
    active: state.active,
    declaredVersion: deps.projections[at.projection]?.version ?? 1,
    versions: Object.entries(state.versions).map(([key, v]) => {
      const job = jobs.get(Number(key))
      return { version: Number(key), ...v, ...(job ? { job: toResponse(job) } : {}) }
    }),
  }
}
