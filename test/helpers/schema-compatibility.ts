/**
 * Compatibility of an event schema with what was published: every value the committed JSON Schema of
 * a version accepted must still be accepted by the code's schema of that version, and every value of
 * version N must upcast to a value version N+1 accepts. Values come from fast-check; a failure names
 * the type, the version, the value and the field the code now rejects.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import * as z from 'zod/mini'
import type { EventType } from '../../shared/events/registry.ts'
import { arbitraryOf } from './json-schema-arbitrary.ts'

const ajv = new Ajv2020({ strict: false, validateFormats: false })

const describeIssues = (error: z.core.$ZodError) =>
  error.issues.map((i) => `data.${i.path.join('.')}: ${i.message}`).join('; ')

/**
 * The first value `committed` accepts that `schema` rejects, described; undefined when none is found.
 * Generated values are checked against `committed` first, so a generator slip cannot pass as a break;
 * fast-check shrinks a rejected value, so the one reported is small.
 */
export function firstRejected(
  committed: Record<string, unknown>,
  schema: z.core.$ZodType,
  runs = 200,
): string | undefined {
  const accepts = ajv.compile(committed)
  let found: string | undefined
  fc.check(
    fc.property(arbitraryOf(committed), (value) => {
      if (!accepts(value)) return true
      const parsed = z.safeParse(schema, value)
      if (parsed.success) return true
      found = `${JSON.stringify(value)}, which the code now rejects at ${describeIssues(parsed.error)}`
      return false
    }),
    { numRuns: runs },
  )
  return found
}

/** The first value of version `from` whose upcast version `from`+1 rejects, described; undefined when none. */
export function firstBadUpcast(
  eventType: EventType,
  from: number,
  jsonSchemaOfFrom: Record<string, unknown>,
  runs = 200,
): string | undefined {
  const source = eventType.versions[from - 1]
  const target = eventType.versions[from]
  if (!source?.upcast || !target) return `${eventType.type} v${from} has no upcaster to v${from + 1}`
  let found: string | undefined
  const upcast = source.upcast.bind(source)
  fc.check(
    fc.property(arbitraryOf(jsonSchemaOfFrom), (value) => {
      const parsed = z.safeParse(source.schema, value)
      if (!parsed.success) return true
      const next = z.safeParse(target.schema, upcast(parsed.data))
      if (next.success) return true
      found = `${JSON.stringify(value)} upcasts to data v${from + 1} rejects at ${describeIssues(next.error)}`
      return false
    }),
    { numRuns: runs },
  )
  return found
}
