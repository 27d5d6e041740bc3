/**
 * fast-check values that a JSON Schema (the subset zod emits for our event schemas) accepts, for the
 * compatibility tests: data a committed schema accepted must still be accepted by the code. Throws on
 * a keyword it does not know, so a schema it cannot honour never passes by accident.
 */
import fc from 'fast-check'

type Schema = Record<string, unknown>

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'const',
  'enum',
  'anyOf',
  'oneOf',
  'default',
])

/** An arbitrary of values `schema` accepts. */
export function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  const unknownKeywords = Object.keys(schema).filter((k) => !KNOWN.has(k))
  if (unknownKeywords.length > 0) throw new Error(`no generator for keywords ${unknownKeywords.join(', ')}`)
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum)
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (branches) return fc.oneof(...branches.map(arbitraryOf))
  switch (schema.type) {
    case 'object':
      return objectOf(schema)
    case 'array':
      return fc.array(arbitraryOf((schema.items ?? {}) as Schema), {
        minLength: Number(schema.minItems ?? 0),
        maxLength: Math.min(Number(schema.maxItems ?? 5), 5 + Number(schema.minItems ?? 0)),
      })
    case 'string':
      return stringOf(schema)
    case 'integer':
    case 'number':
      return numberOf(schema)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case undefined:
      return fc.jsonValue()
    default:
      throw new Error(`no generator for type ${String(schema.type)}`)
  }
}

function objectOf(schema: Schema): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>
  const record = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, arbitraryOf(s)]))
  return fc.record(record, { requiredKeys: (schema.required ?? []) as string[] })
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const min = Number(schema.minLength ?? 0)
  const max = schema.maxLength === undefined ? min + 20 : Number(schema.maxLength)
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max)
  }
  return fc.string({ minLength: min, maxLength: max })
}

function numberOf(schema: Schema): fc.Arbitrary<number> {
  const bound = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined)
  const min = bound('minimum') ?? bound('exclusiveMinimum')
  const max = bound('maximum') ?? bound('exclusiveMaximum')
  if (schema.type === 'integer') {
    const lo = Math.max(
      Number.MIN_SAFE_INTEGER,
      (min ?? -1e6) + (bound('exclusiveMinimum') === undefined ? 0 : 1),
    )
    const hi = Math.min(
      Number.MAX_SAFE_INTEGER,
      (max ?? 1e6) - (bound('exclusiveMaximum') === undefined ? 0 : 1),
    )
    return fc.integer({ min: lo, max: hi })
  }
  return fc.double({
    min: min ?? -1e9,
    max: max ?? 1e9,
    minExcluded: bound('exclusiveMinimum') !== undefined,
    maxExcluded: bound('exclusiveMaximum') !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  })
}
