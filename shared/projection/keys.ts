/**
 * Where each version of a projection keeps its items, and its deduplication namespace. Version 1
 * keeps the keys and dedup records the projection had before it was versioned, so declaring an
 * existing read model as a projection moves nothing; version N > 1 prefixes its partition keys
 * with `v<N>#`, in the same table (no new table, no new grant per version).
 */
import type { Effect, WriteAction } from '../consumer/effects.ts'

/** The key attributes of a projection's table. */
export interface KeySchema {
  partitionKey: string
  sortKey?: string
}

type Item = Readonly<Record<string, unknown>>

/** The partition key prefix of the projections' own state items, never a document's. */
export const STATE_KEY_PREFIX = '_projection#'

/** The key of the state item of `projection`. */
export const stateKey = (schema: KeySchema, projection: string): Record<string, string> => ({
  [schema.partitionKey]: `${STATE_KEY_PREFIX}${projection}`,
  ...(schema.sortKey === undefined ? {} : { [schema.sortKey]: 'state' }),
})

/** `key` (or an item holding it) as version `version` stores it. */
export function versionedKey<T extends Item>(schema: KeySchema, version: number, key: T): T {
  if (version === 1) return key
  return { ...key, [schema.partitionKey]: `v${version}#${String(key[schema.partitionKey])}` }
}

/** The dedup namespace of `version` of the projection consumer `consumer`. */
export const dedupNamespace = (consumer: string, version: number): string =>
  version === 1 ? consumer : `${consumer}#v${version}`

/**
 * `effect` as applied to `version`: every write to the projection's table moved to the version's
 * keys. The domain writes its effects once, unaware of versions.
 */
export function effectForVersion(effect: Effect, table: string, schema: KeySchema, version: number): Effect {
  if (version === 1) return effect
  const move = (action: WriteAction): WriteAction => {
    const [kind, write] = Object.entries(action)[0] as [string, Record<string, unknown>]
    if (write.TableName !== table) return action
    const field = kind === 'Put' ? 'Item' : 'Key'
    return {
      [kind]: { ...write, [field]: versionedKey(schema, version, write[field] as Item) },
    } as unknown as WriteAction
  }
  return effect.map((writes) => writes.map(move))
}
