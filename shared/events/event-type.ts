/**
 * Declaring an event type: a name and its schema versions, oldest first. Every version but the
 * newest carries an upcaster turning its data into the next version's data, so stored history never
 * has to be rewritten when a schema evolves.
 */
import type * as z from 'zod/mini'
import { EventTypeDefinitionError } from '../errors.ts'

/** One schema version of an event type. `upcast` maps this version's data to the next version's. */
export interface EventTypeVersion<S extends z.core.$ZodType = z.core.$ZodType> {
  version: number
  schema: S
  // Method syntax on purpose: bivariant parameters let a typed upcaster sit in a list of versions.
  upcast?(data: z.output<S>): unknown
}

/** A declared event type; `Data` is the newest version's data. */
export interface EventType<T extends string = string, Data = unknown> {
  type: T
  versions: readonly EventTypeVersion[]
  latestVersion: number
  /** Phantom field carrying the newest data type for `EventData<typeof X>`; always undefined. */
  readonly __data?: Data
}

type LatestData<V> = V extends readonly [...unknown[], { schema: infer S extends z.core.$ZodType }]
  ? z.output<S>
  : unknown

/** The newest data type of a declared event type. */
export type EventData<E> = E extends EventType<string, infer D> ? D : never

/**
 * Declares an event type. Versions must be 1..n in order, and every version but the last needs an upcaster.
 *
 * @example
 * export const OrderPaid = defineEventType({
 *   type: 'OrderPaid',
 *   versions: [{ version: 1, schema: z.object({ orderId: z.string(), amount: z.number().check(z.positive()) }) }],
 * })
 */
export function defineEventType<
  const T extends string,
  const V extends readonly [...EventTypeVersion[], EventTypeVersion],
>(def: { type: T; versions: V }): EventType<T, LatestData<V>> {
  const { type, versions } = def
  if (versions.length === 0) throw new EventTypeDefinitionError(`${type}: no versions`)
  versions.forEach((v, i) => {
    if (v.version !== i + 1) {
      throw new EventTypeDefinitionError(
        `${type}: versions must be 1..n in order, found ${v.version} at ${i}`,
      )
    }
    if (i < versions.length - 1 && v.upcast === undefined) {
      throw new EventTypeDefinitionError(
        `${type}: version ${v.version} needs an upcaster to ${v.version + 1}`,
      )
    }
  })
  return { type, versions, latestVersion: versions.length }
}
