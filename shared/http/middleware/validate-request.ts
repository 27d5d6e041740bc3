import type { MiddlewareObj } from '@middy/core'
import * as z from 'zod/mini'
import { formatPath } from '../../events/issues.ts'
import { BadRequestError, type FieldIssue, UnprocessableContentError } from '../errors.ts'
import type { HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'
import '../../zod-locale.ts'

/** Schemas of the parts of a request; each part that has one is replaced by its parsed value. */
export interface RequestSchemas {
  pathParameters?: z.core.$ZodType
  queryStringParameters?: z.core.$ZodType
  body?: z.core.$ZodType
}

/** zod issues as field issues; an unknown key is reported at its own path, not at its parent's. */
const issuesOf = (error: z.core.$ZodError): FieldIssue[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath('', [...issue.path, key]), message: 'unknown field' }))
      : [{ path: formatPath('', issue.path), message: issue.message }],
  )

/**
 * Validates a request with zod. The split follows RFC 9110: a bad path or query parameter makes
 * the request itself malformed (400, `errors` naming the parameter); a well-formed JSON body that
 * breaks the schema is unprocessable content (422, `errors` with the field paths). Our own because
 * `@middy/validator` uses JSON Schema (ajv), and the event types are declared in zod.
 */
export const validateRequest = (
  schemas: RequestSchemas,
): MiddlewareObj<HttpEvent, HttpResult | undefined, unknown, HttpContext, HttpInternal> => ({
  before: (request) => {
    const event = request.event
    for (const part of ['pathParameters', 'queryStringParameters'] as const) {
      const schema = schemas[part]
      if (!schema) continue
      const parsed = z.safeParse(schema, event[part] ?? {})
      if (!parsed.success) {
        const issues = issuesOf(parsed.error)
        throw new BadRequestError(`Invalid ${part === 'pathParameters' ? 'path' : 'query'} parameter.`, {
          issues,
        })
      }
      event[part] = parsed.data as Record<string, unknown>
    }
    if (schemas.body) {
      const parsed = z.safeParse(schemas.body, event.body)
      if (!parsed.success) {
        throw new UnprocessableContentError(
          'The request body does not match the schema.',
          issuesOf(parsed.error),
        )
      }
      event.body = parsed.data
    }
  },
})
