/**
 * Which projections are behind their declaration: the declared version is newer than every version
 * the projection has. Both `npm start` and the deploy hook start a rebuild for each (bumping
 * `projection.version` is enough), and nothing when the projections are up to date.
 */
import type { ProjectionLocation } from './dynamodb/state-store.ts'
import type { KeySchema } from './keys.ts'
import { followedVersions, type ProjectionState } from './state.ts'

/** A projection where it lives, with its declared version. */
export interface DeclaredProjection {
  name: string
  version: number
  tableName: string
  keys: KeySchema
}

/** Whether `state` lacks the declared version (and any newer one). */
export const isBehind = (state: ProjectionState, declared: number): boolean =>
  declared > Math.max(state.active, ...followedVersions(state))

/** The names of the projections whose declared version is new. */
export async function projectionsBehind(
  projections: readonly DeclaredProjection[],
  states: { get(at: ProjectionLocation): Promise<ProjectionState> },
): Promise<string[]> {
  const behind: string[] = []
  for (const p of projections) {
    const state = await states.get({ projection: p.name, tableName: p.tableName, keys: p.keys })
    if (isBehind(state, p.version)) behind.push(p.name)
  }
  return behind
}
