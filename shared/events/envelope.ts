/**
 * The event envelope on the wire: CloudEvents 1.0, JSON structured mode, plus our extensions.
 * Built from a stored event by the relay and replay; parsed and validated by consumers.
 */
import * as z from 'zod/mini'
import { ValidationError } from '../errors.ts'
import type { StoredEvent } from '../store/event-store.ts'
import { toIssues } from './issues.ts'
import '../zod-locale.ts'

/**
 * Largest envelope we accept: one SNS message is at most 256 KiB (262,144 bytes) *including* its
 * message attributes (name + data type + value each). We send four short attributes (type, subject,
 * schemaversion, replay), at most ~600 bytes with a 128-char stream id and type name; 6 KiB of margin
 * leaves room for attributes added later (e.g. trace or tenant ids) without ever hitting the SNS limit.
 */
export const MAX_ENVELOPE_BYTES = 256 * 1024 - 6 * 1024

/** Digits of `sequence`: the CloudEvents sequence extension is a lexicographically ordered string. */
const SEQUENCE_DIGITS = 10

/** Metadata keys of a stored event that also travel as CloudEvents extensions. */
export const ENVELOPE_METADATA_KEYS = ['correlationid', 'causationid', 'traceparent'] as const

const nonEmpty = () => z.string().check(z.minLength(1))
const extensionName = z.optional(nonEmpty())
const envelopeSchema = z.object({
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

/** A CloudEvents 1.0 structured-mode envelope with the backbone's extensions. */
export type CloudEvent<D = unknown> = Omit<z.output<typeof envelopeSchema>, 'data'> & { data: D }

/** Builds the wire envelope of a stored event. `replay: true` marks re-sent history. */
export function toCloudEvent(stored: StoredEvent, opts: { source: string; replay?: boolean }): CloudEvent {
  const event: CloudEvent = {
    specversion: '1.0',
    id: stored.id,
    source: opts.source,
    type: stored.type,
    subject: stored.streamId,
    time: stored.time,
    datacontenttype: 'application/json',
    data: stored.data,
    sequence: versionToSequence(stored.version),
    schemaversion: stored.schemaVersion,
  }
  for (const key of ENVELOPE_METADATA_KEYS) {
    const value = stored.metadata[key]
    if (value) event[key] = value
  }
  if (opts.replay) event.replay = true
  return event
}

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

/** Bytes of the envelope as sent (UTF-8 JSON). */
export function envelopeSizeBytes(event: CloudEvent): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8')
}

/** The stream version of `sequence` (`'0000000007'` → 7). */
export function sequenceToVersion(sequence: string): number {
  return Number.parseInt(sequence, 10)
}

/** `7` → `'0000000007'`. */
export function versionToSequence(version: number): string {
  return String(version).padStart(SEQUENCE_DIGITS, '0')
}
