/**
 * Parsing and validation of an incoming envelope (consumers). Kept apart from `envelope.ts`, which
 * the publish path imports: zod schemas are built when their module loads, so a function that never
 * parses envelopes should not pay for building this one at cold start.
 */
import * as z from 'zod/mini'
import { ValidationError } from '../errors.ts'
import type { CloudEvent } from './envelope.ts'
import { toIssues } from './issues.ts'
import '../zod-locale.ts'

const nonEmpty = () => z.string().check(z.minLength(1))
const extensionName = z.optional(nonEmpty())
/** The envelope as consumers accept it (also the source of the committed CloudEvents JSON Schema). */
export const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: nonEmpty(),
  source: nonEmpty(),
  type: nonEmpty(),
  subject: nonEmpty(),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  sequence: z.string().check(z.regex(/^\d+$/)),
  schemaversion: z.number().check(z.int(), z.positive()),
  correlationid: extensionName,
  causationid: extensionName,
  traceparent: extensionName,
  replay: z.optional(z.boolean()),
})

// The schema and the CloudEvent type must describe the same envelope: this fails to type-check
// if a field is added to one and not the other.
type Parsed = z.output<typeof envelopeSchema>
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const schemaMatchesType: Same<Parsed, CloudEvent> = true
void schemaMatchesType

/**
 * Parses and validates an envelope (a JSON string, e.g. an SQS body, or an already parsed object).
 * Throws {@link ValidationError} with paths like `subject` or `schemaversion`. The `data` is not
 * checked here: that is the registry's job, after upcasting.
 */
export function parseCloudEvent(json: unknown): CloudEvent {
  let value = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json)
    } catch (cause) {
      throw new ValidationError('Envelope is not JSON', [{ path: '', message: 'malformed JSON' }], { cause })
    }
  }
  const parsed = envelopeSchema.safeParse(value)
  if (!parsed.success) {
    throw new ValidationError('Invalid CloudEvents envelope', toIssues(parsed.error, ''), {
      cause: parsed.error,
    })
  }
  return parsed.data
}
