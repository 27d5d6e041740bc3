/**
 * The checks of an append before it touches storage, and the stamping of what the store sets:
 * ids, schema versions, time and the request's tracing metadata.
 */
import { randomUUID } from 'node:crypto'
import { BatchTooLargeError, EventTooLargeError, ValidationError } from '../errors.ts'
import { envelopeSizeBytes, MAX_ENVELOPE_BYTES, toCloudEvent } from '../events/envelope.ts'
import type { EventRegistry } from '../events/registry.ts'
import { MAX_APPEND_BYTES, MAX_EVENTS_PER_APPEND } from './limits.ts'
import { assertValidIdempotencyKey, assertValidStreamId, EVENT_ID_RULE, isValidEventId } from './rules.ts'
import { unstorableNumbers } from './storable-numbers.ts'
import type { AppendCorrelation, AppendOptions, NewEvent, StoredEvent } from './types.ts'

/** An event ready to store, still without its version. */
export type PreparedEvent = Omit<StoredEvent, 'version'>

/** What the store needs from the registry: validation and the newest schema versions. */
export type SchemaSource = Pick<EventRegistry, 'validate' | 'latestVersion'>

// The envelope's `source` comes from config at relay time; size checks assume a generous one.
const SOURCE_ALLOWANCE = 'x'.repeat(256)

/**
 * Validates an append request and stamps ids, schema versions and time. Throws ValidationError
 * (paths like `events[0].data.items[0].quantity`), UnknownEventTypeError, EventTooLargeError,
 * BatchTooLargeError.
 */
export function prepareAppend(
  streamId: string,
  events: NewEvent[],
  opts: AppendOptions,
  registry: SchemaSource,
  now: Date,
): PreparedEvent[] {
  assertValidStreamId(streamId)
  assertOptions(events, opts)
  const time = now.toISOString()
  let totalBytes = 0
  return events.map((event, index) => {
    const data = validateData(registry, event, index)
    const prepared: PreparedEvent = {
      streamId,
      id: event.id ?? randomUUID(),
      type: event.type,
      schemaVersion: registry.latestVersion(event.type),
      data,
      metadata: metadataOf(event, opts.correlation),
      time,
    }
    const size = envelopeSizeBytes(
      toCloudEvent({ ...prepared, version: 0 }, { source: SOURCE_ALLOWANCE, replay: true }),
    )
    if (size > MAX_ENVELOPE_BYTES) throw new EventTooLargeError(index, size, MAX_ENVELOPE_BYTES)
    totalBytes += size
    if (totalBytes > MAX_APPEND_BYTES) throw new BatchTooLargeError('bytes', totalBytes, MAX_APPEND_BYTES)
    return prepared
  })
}

/** Gives prepared events the versions after `head`. */
export function assignVersions(prepared: PreparedEvent[], head: number): StoredEvent[] {
  return prepared.map((event, i) => ({ ...event, version: head + i + 1 }))
}

function assertOptions(events: NewEvent[], opts: AppendOptions): void {
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError('No events to append', [{ path: 'events', message: 'must not be empty' }])
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new BatchTooLargeError('events', events.length, MAX_EVENTS_PER_APPEND)
  }
  const { expectedVersion, idempotencyKey } = opts
  if (expectedVersion !== undefined && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
    throw new ValidationError('Invalid expectedVersion', [
      { path: 'expectedVersion', message: 'must be a non-negative integer' },
    ])
  }
  if (idempotencyKey !== undefined) assertValidIdempotencyKey(idempotencyKey)
}

function validateData(registry: SchemaSource, event: NewEvent, index: number): unknown {
  const issues = []
  if (event.id !== undefined && !isValidEventId(event.id)) {
    issues.push({ path: `events[${index}].id`, message: EVENT_ID_RULE })
  }
  const metadata = event.metadata ?? {}
  for (const [key, value] of Object.entries(metadata)) {
    if (value !== undefined && typeof value !== 'string')
      issues.push({ path: `events[${index}].metadata.${key}`, message: 'must be a string' })
  }
  if (issues.length > 0) throw new ValidationError(`Invalid event ${index}`, issues)
  let data: unknown
  try {
    data = registry.validate(event.type, event.data)
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    const prefixed = error.issues.map((i) => ({ ...i, path: `events[${index}].${i.path}` }))
    throw new ValidationError(error.message, prefixed, { cause: error })
  }
  const numbers = unstorableNumbers(data, `events[${index}].data`)
  if (numbers.length > 0) throw new ValidationError(`Invalid event ${index}`, numbers)
  return data
}

/**
 * The event's metadata, then the request's correlation id and trace context, which always come from
 * the request so events, logs and traces agree. `causationid` defaults to the request's; a client
 * may set it (e.g. to the id of the event it reacted to).
 */
function metadataOf(event: NewEvent, correlation: AppendCorrelation | undefined): Record<string, string> {
  // Optional metadata fields are often `undefined` (e.g. a missing header); they are simply absent.
  const metadata = Object.fromEntries(Object.entries(event.metadata ?? {}).filter(([, v]) => v !== undefined))
  if (!correlation) return metadata
  metadata.causationid ??= correlation.causationId
  metadata.correlationid = correlation.correlationId
  metadata.traceparent = correlation.traceparent
  return metadata
}
