/**
 * JSON Schema (2020-12) from the code's own zod/mini schemas, through zod's `toJSONSchema`. The input
 * side is what the contracts describe: what a publisher may send and a consumer may receive.
 */
import * as z from 'zod/mini'

/** A JSON Schema document or subschema. */
export type JsonSchema = Record<string, unknown>

/** The schema of what `schema` accepts, without the `$schema` keyword (the caller's document has it). */
export function inputSchema(schema: z.core.$ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema
  return rest
}

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'
