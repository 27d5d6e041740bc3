/**
 * The event envelope on the wire: CloudEvents 1.0, JSON structured mode, plus our extensions.
 * Built from a stored event by the relay and replay; parsed and validated by consumers
 * (`parse-cloud-event.ts`).
 */
import type { StoredEvent } from './stored-event.ts'

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

/** A CloudEvents 1.0 structured-mode envelope with the backbone's extensions. */
export interface CloudEvent<D = unknown> {
  specversion: '1.0'
  id: string
  source: string
  type: string
  /** The stream id. */
  subject: string
  time: string
  datacontenttype: 'application/json'
  data: D
  /** The stream version, zero-padded (CloudEvents' sequence extension is a string). */
  sequence: string
  schemaversion: number
  correlationid?: string | undefined
  causationid?: string | undefined
  traceparent?: string | undefined
  replay?: boolean | undefined
}

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
