/**
 * How functions learn the deployment's projections from their environment, and how the CDK stack and
 * the local runtime compute those values from the declaration (one function, so they cannot differ):
 *
 * - `PROJECTION` + `PROJECTION_TABLE_NAME` (a projection's consumer): `{ name, version, partitionKey,
 *   sortKey? }` and the table's physical name;
 * - `PROJECTIONS` (replay, read): `{ "<name>": { version, tableName, partitionKey, sortKey?, functionName } }`.
 */
import * as z from 'zod/mini'
import { defineConfigSection, jsonVariable } from '../config.ts'
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

const name = z.string().check(z.minLength(1))
const keySchema = { partitionKey: name, sortKey: z.optional(name) }
const version = z.number().check(z.int(), z.positive())

/** Loads `PROJECTION` and `PROJECTION_TABLE_NAME`; `undefined` when the consumer is no projection. */
export const loadOwnProjection = defineConfigSection(
  {
    PROJECTION: z.optional(jsonVariable(z.object({ name, version, ...keySchema }))),
    PROJECTION_TABLE_NAME: z.optional(name),
  },
  (v): OwnProjection | undefined => {
    if (v.PROJECTION === undefined || v.PROJECTION_TABLE_NAME === undefined) return undefined
    const { name: consumer, version: declared, partitionKey, sortKey } = v.PROJECTION
    const keys = keysOf(partitionKey, sortKey)
    return { name: consumer, version: declared, tableName: v.PROJECTION_TABLE_NAME, keys }
  },
)

/** Loads `PROJECTIONS` (empty when the deployment has none). */
export const loadProjections = defineConfigSection(
  {
    PROJECTIONS: z.optional(
      jsonVariable(z.record(name, z.object({ version, tableName: name, functionName: name, ...keySchema }))),
    ),
  },
  (v): Record<string, DeployedProjection> =>
    Object.fromEntries(
      Object.entries(v.PROJECTIONS ?? {}).map(([projection, p]) => [
        projection,
        {
          version: p.version,
          tableName: p.tableName,
          functionName: p.functionName,
          keys: keysOf(p.partitionKey, p.sortKey),
        },
      ]),
    ),
)

const keysOf = (partitionKey: string, sortKey: string | undefined): KeySchema =>
  sortKey === undefined ? { partitionKey } : { partitionKey, sortKey }

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
