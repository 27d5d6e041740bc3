/**
 * The state of a projection, pure: which version readers see (`active`) and which versions follow
 * live events (`versions`). Blue-green as Marten's projection rebuilds: a new version is built beside
 * the active one from history while live events reach both, readers switch in one conditional write
 * once it has caught up, and the old version keeps following until removed, so switching back is
 * instant and up to date.
 */
import { ProjectionRequestError } from './errors.ts'

/** Where a version is in its life. */
export const VersionStatus = {
  /** History is being applied (a replay job); live events already reach it. Readers never see it. */
  Building: 'building',
  /** Complete: history applied and following live events; may be (or become) the active one. */
  Ready: 'ready',
  /** Its history job ended with events it could not apply: never activated automatically. */
  Incomplete: 'incomplete',
} as const

export type VersionStatus = (typeof VersionStatus)[keyof typeof VersionStatus]

/** One version of a projection. */
export interface VersionState {
  status: VersionStatus
  /** The replay job applying its history (absent for a version that existed before versioning). */
  jobId?: string
  startedAt?: string
  finishedAt?: string
}

/** The stored state of one projection. */
export interface ProjectionState {
  projection: string
  /** The version readers are served. */
  active: number
  /** Every version that follows live events, by version number. */
  versions: Record<string, VersionState>
  /** Incremented by every change: writes are conditional on it (optimistic concurrency). */
  revision: number
}

/** Before any rebuild: version 1, whose items predate versioning, is active (nothing is stored). */
export const initialState = (projection: string): ProjectionState => ({
  projection,
  active: 1,
  versions: { '1': { status: VersionStatus.Ready } },
  revision: 0,
})

/** The versions live events are applied to. */
export const followedVersions = (state: ProjectionState): number[] =>
  Object.keys(state.versions)
    .map(Number)
    .sort((a, b) => a - b)

/** The version a rebuild builds: the declared one when it is new, else one past the highest known. */
export function nextVersion(state: ProjectionState, declared: number): number {
  const known = followedVersions(state)
  const highest = Math.max(state.active, ...known)
  return declared > highest ? declared : highest + 1
}

/** Adds `version` as building, following live events from now on. */
export function beginBuild(state: ProjectionState, version: number, at: string): ProjectionState {
  if (Object.hasOwn(state.versions, String(version)))
    throw new ProjectionRequestError('version', `version ${version} of ${state.projection} already exists`)
  const building = Object.entries(state.versions).find(([, v]) => v.status === VersionStatus.Building)
  if (building) {
    throw new ProjectionRequestError(
      'projection',
      `version ${building[0]} of ${state.projection} is still building; wait for it, or remove it first`,
    )
  }
  return bump(state, {
    versions: { ...state.versions, [version]: { status: VersionStatus.Building, startedAt: at } },
  })
}

/** Records the job that applies the history of `version`. */
export function attachJob(state: ProjectionState, version: number, jobId: string): ProjectionState {
  const current = versionOf(state, version)
  return bump(state, { versions: { ...state.versions, [version]: { ...current, jobId } } })
}

/**
 * The history job of `version` is over: with every event applied the version is ready and becomes
 * the active one (readers switch); otherwise it is incomplete and readers stay where they are.
 */
export function finishBuild(
  state: ProjectionState,
  version: number,
  complete: boolean,
  at: string,
): ProjectionState {
  const current = versionOf(state, version)
  const status = complete ? VersionStatus.Ready : VersionStatus.Incomplete
  const versions = { ...state.versions, [version]: { ...current, status, finishedAt: at } }
  return bump(state, { versions, ...(complete ? { active: version } : {}) })
}

/** Serves readers `version` (a switch, or a switch back); it must be ready. */
export function activate(state: ProjectionState, version: number): ProjectionState {
  const current = versionOf(state, version)
  if (current.status !== VersionStatus.Ready) {
    throw new ProjectionRequestError('activate', `version ${version} is ${current.status}, not ready`)
  }
  return bump(state, { active: version })
}

/** Stops maintaining `version` (never the active one). Its items stay in the table. */
export function remove(state: ProjectionState, version: number): ProjectionState {
  versionOf(state, version)
  if (state.active === version)
    throw new ProjectionRequestError('remove', `version ${version} is active; activate another first`)
  const { [version]: _gone, ...versions } = state.versions
  return bump(state, { versions })
}

function versionOf(state: ProjectionState, version: number): VersionState {
  const found = Object.hasOwn(state.versions, String(version)) ? state.versions[version] : undefined
  if (found === undefined) {
    const known = followedVersions(state).join(', ')
    throw new ProjectionRequestError(
      'version',
      `${state.projection} has no version ${version} (known: ${known})`,
    )
  }
  return found
}

const bump = (state: ProjectionState, change: Partial<ProjectionState>): ProjectionState => ({
  ...state,
  ...change,
  revision: state.revision + 1,
})
