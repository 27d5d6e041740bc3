/**
 * How functions learn the deployment's projections from their environment, and how the CDK stack and
 * the local runtime compute those values from the declaration (one function, so they cannot differ):
 *
 * - `PROJECTION` + `PROJECTION_TABLE_NAME` (a projection's consumer): `{ name, version, partitionKey,
 *   sortKey? }` and the table's physical name;
 * - `PROJECTIONS` (replay, read): `{ "<name>": { version, tableName, partitionKey, sortKey?, functionName } }`.
 */
import type { Env } from '../config.ts'
import { ConfigError } from '../errors.ts'
import type { BackboneDeclaration } from '../topology/declaration.ts'
import type { KeySchema } from './keys.ts'

/** A projection as its consumer sees it. */
export interface OwnProjection {
  /** The consumer it belongs to. */
  name: string
  /** The declared version (what a rebuild builds when it is new). */
  version: number
  tableName: string
  keys: KeySchema
}

/** A deployed projection as the replay and read functions see it. */
export interface DeployedProjection extends Omit<OwnProjection, 'name'> {
  /** The consumer function a rebuild invokes to apply history to the new version. */
  functionName: string
}

/**
 * Checked by hand rather than with the zod schemas of `shared/config.ts`: the read function loads
 * this at every cold start, and the schemas it needed (JSON in a variable, records) added 2.5 ms
 * (+3%) to its module load, measured against the bundle without them; its target is 1.25×.
 */
function parseJson(variable: string, raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    throw new ConfigError(variable, 'not JSON')
  }
}

type Fields = Record<string, unknown>

function objectAt(variable: string, path: string, value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(variable, `${path || '(value)'}: expected an object`)
  return value as Fields
}

function nameAt(variable: string, path: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError(variable, `${path}: expected a name`)
  return value
}

function versionAt(variable: string, path: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new ConfigError(variable, `${path}: expected a positive integer`)
  return value as number
}

function keysAt(variable: string, path: string, fields: Fields): KeySchema {
  const partitionKey = nameAt(variable, `${path}partitionKey`, fields.partitionKey)
  if (fields.sortKey === undefined) return { partitionKey }
  return { partitionKey, sortKey: nameAt(variable, `${path}sortKey`, fields.sortKey) }
}

/** Loads `PROJECTION` and `PROJECTION_TABLE_NAME`; `undefined` when the consumer is no projection. */
export function loadOwnProjection(env: Env = process.env): OwnProjection | undefined {
  const raw = env.PROJECTION
  const tableName = env.PROJECTION_TABLE_NAME
  if (raw === undefined || tableName === undefined || tableName === '') return undefined
  const fields = objectAt('PROJECTION', '', parseJson('PROJECTION', raw))
  return {
    name: nameAt('PROJECTION', 'name', fields.name),
    version: versionAt('PROJECTION', 'version', fields.version),
    tableName,
    keys: keysAt('PROJECTION', '', fields),
  }
}

/** Loads `PROJECTIONS` (empty when the deployment has none). */
export function loadProjections(env: Env = process.env): Record<string, DeployedProjection> {
  const raw = env.PROJECTIONS
  if (raw === undefined || raw === '') return {}
  const all = objectAt('PROJECTIONS', '', parseJson('PROJECTIONS', raw))
  return Object.fromEntries(
    Object.entries(all).map(([projection, value]) => {
      const fields = objectAt('PROJECTIONS', projection, value)
      const at = `${projection}.`
      const deployed: DeployedProjection = {
        version: versionAt('PROJECTIONS', `${at}version`, fields.version),
        tableName: nameAt('PROJECTIONS', `${at}tableName`, fields.tableName),
        functionName: nameAt('PROJECTIONS', `${at}functionName`, fields.functionName),
        keys: keysAt('PROJECTIONS', at, fields),
      }
      return [projection, deployed]
    }),
  )
}

/** The `PROJECTION` value of a consumer's declaration (undefined when it is no projection). */
export function projectionVariable(
  declaration: Pick<BackboneDeclaration, 'tables'>,
  consumer: BackboneDeclaration['consumers'][number],
): string | undefined {
  if (consumer.projection === undefined) return undefined
  const table = declaration.tables.find((t) => t.name === consumer.projection?.table)
  if (table === undefined) return undefined
  return JSON.stringify({
    name: consumer.name,
    version: consumer.projection.version,
    partitionKey: table.partitionKey,
    ...(table.sortKey === undefined ? {} : { sortKey: table.sortKey }),
  })
}

/** The `PROJECTIONS` value, given how each side names a declared table and a consumer's function. */
export function deployedProjectionsOf(
  declaration: Pick<BackboneDeclaration, 'tables' | 'consumers'>,
  tableName: (table: string) => string,
  functionName: (consumer: string) => string,
): Record<string, unknown> {
  const entries = declaration.consumers.flatMap((consumer) => {
    const own = projectionVariable(declaration, consumer)
    if (own === undefined || consumer.projection === undefined) return []
    const { name: _name, ...rest } = JSON.parse(own) as { name: string }
    const value = {
      ...rest,
      tableName: tableName(consumer.projection.table),
      functionName: functionName(consumer.name),
    }
    return [[consumer.name, value] as const]
  })
  return Object.fromEntries(entries)
}
