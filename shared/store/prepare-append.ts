/**
 * Checks shared by every adapter before an append touches storage, so both adapters reject
 * exactly the same requests with the same errors.
 */
import { createHash, randomUUID } from 'node:crypto'
import { BatchTooLargeError, EventTooLargeError, ValidationError } from '../errors.ts'
import { envelopeSizeBytes, MAX_ENVELOPE_BYTES, toCloudEvent } from '../events/envelope.ts'
import type { EventRegistry } from '../events/registry.ts'
import type { AppendOptions, NewEvent, StoredEvent } from './event-store.ts'
import { MAX_APPEND_BYTES, MAX_EVENTS_PER_APPEND } from './limits.ts'
import { unstorableNumbers } from './storable-numbers.ts'
import { assertValidStreamId } from './stream-id.ts'

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
      metadata: definedOnly(event.metadata),
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

/** The default idempotency fingerprint: everything the caller asked for, not what we generated. */
export function defaultRequestHash(streamId: string, events: NewEvent[], expectedVersion?: number): string {
  return createHash('sha256')
    .update(JSON.stringify({ streamId, events, expectedVersion: expectedVersion ?? null }))
    .digest('base64url')
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
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw new ValidationError('Invalid idempotency key', [
      { path: 'idempotencyKey', message: 'must be 1-255 printable ASCII characters' },
    ])
  }
}

function validateData(registry: SchemaSource, event: NewEvent, index: number): unknown {
  const issues = []
  if (
    event.id !== undefined &&
    !(typeof event.id === 'string' && event.id.length > 0 && event.id.length <= 128)
  ) {
    issues.push({ path: `events[${index}].id`, message: 'must be a string of 1-128 characters' })
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

// Optional metadata fields are often `undefined` (e.g. a missing header); they are simply absent.
function definedOnly(metadata: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata ?? {}).filter(([, v]) => v !== undefined))
}
