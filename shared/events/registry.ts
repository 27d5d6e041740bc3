/**
 * The event registry: every event type the deployment knows, validation against the newest
 * schema (publish) and upcasting of older stored data to the newest (consumers, replay, folds).
 */
import * as z from 'zod/mini'
import { UnknownEventTypeError, ValidationError } from '../errors.ts'
import '../zod-locale.ts'
import type { EventType, EventTypeVersion } from './event-type.ts'
import { toIssues } from './issues.ts'

export type { EventType, EventTypeVersion } from './event-type.ts'
export { defineEventType } from './event-type.ts'

/** Data after upcasting, tagged with the schema version it now conforms to. */
export interface Upcasted {
  schemaVersion: number
  data: unknown
}

/** A set of event types, looked up by name. */
export class EventRegistry {
  readonly #types = new Map<string, EventType>()

  constructor(types: Iterable<EventType> = []) {
    for (const t of types) this.register(t)
  }

  /** Adds an event type; registering the same name twice is a programming error. */
  register(eventType: EventType): this {
    if (this.#types.has(eventType.type)) throw new Error(`Event type ${eventType.type} registered twice`)
    this.#types.set(eventType.type, eventType)
    return this
  }

  has(type: string): boolean {
    return this.#types.has(type)
  }

  /** Names of all registered types. */
  types(): string[] {
    return [...this.#types.keys()]
  }

  /** Every registered type with its versions (the contracts are generated from them). */
  eventTypes(): EventType[] {
    return [...this.#types.values()]
  }

  /** The newest schema version of `type`. */
  latestVersion(type: string): number {
    return this.#get(type).latestVersion
  }

  /**
   * Validates `data` against the newest version of `type` and returns the parsed data.
   * Throws {@link UnknownEventTypeError}, or {@link ValidationError} with paths like `data.items[0].quantity`.
   */
  validate(type: string, data: unknown): unknown {
    const eventType = this.#get(type)
    return parseVersion(eventType, this.#version(eventType, eventType.latestVersion), data)
  }

  /**
   * Validates `data` as version `schemaVersion` of `type`, then applies the upcasters up to the newest.
   * Throws {@link UnknownEventTypeError}, or {@link ValidationError} (bad data or unknown version).
   */
  upcast(type: string, schemaVersion: number, data: unknown): Upcasted {
    const eventType = this.#get(type)
    this.#version(eventType, schemaVersion) // rejects versions newer than we know, too
    let current = data
    for (let v = schemaVersion; v <= eventType.latestVersion; v++) {
      const version = this.#version(eventType, v)
      current = parseVersion(eventType, version, current)
      if (v < eventType.latestVersion && version.upcast) current = version.upcast(current)
    }
    return { schemaVersion: eventType.latestVersion, data: current }
  }

  #get(type: string): EventType {
    const eventType = this.#types.get(type)
    if (!eventType) throw new UnknownEventTypeError(type)
    return eventType
  }

  #version(eventType: EventType, version: number): EventTypeVersion {
    const found = eventType.versions[version - 1]
    if (!found || !Number.isInteger(version)) {
      throw new ValidationError(`${eventType.type} has no schema version ${version}`, [
        {
          path: 'schemaversion',
          message: `unknown version ${version} (newest is ${eventType.latestVersion})`,
        },
      ])
    }
    return found
  }
}

function parseVersion(eventType: EventType, version: EventTypeVersion, data: unknown): unknown {
  const parsed = z.safeParse(version.schema, data)
  if (parsed.success) return parsed.data
  throw new ValidationError(
    `Invalid ${eventType.type} v${version.version} data`,
    toIssues(parsed.error, 'data'),
    { cause: parsed.error },
  )
}
