/**
 * The rules for the identifiers a client chooses: stream ids, event ids and idempotency keys. The
 * one home of these facts: the HTTP schemas, the replay request and the store all read them here,
 * so the edge and the store can never give different answers for the same id.
 */
import { ValidationError } from '../errors.ts'

/**
 * A stream id: starts with a letter or digit (so ids starting with `_` stay free for the store's own
 * items, e.g. idempotency guards), then up to 127 of letters, digits and `._:-`.
 */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
export const STREAM_ID_RULE = `must match ${STREAM_ID_PATTERN.source}`

/**
 * An event id: 1-128 printable ASCII characters. The relay sends it as the SQS FIFO
 * MessageDeduplicationId, which allows exactly these characters and at most 128 of them; a UUID, a
 * ULID or a client's own id all fit.
 */
export const EVENT_ID_PATTERN = /^[\x21-\x7e]{1,128}$/
export const EVENT_ID_RULE = 'must be 1-128 printable ASCII characters'

/**
 * An idempotency key: 1-255 printable ASCII characters (the IETF draft sets no limit; 255 bounds the
 * guard item's key, which embeds it).
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/
export const IDEMPOTENCY_KEY_RULE = 'must be 1-255 printable ASCII characters'

export function isValidStreamId(streamId: string): boolean {
  return STREAM_ID_PATTERN.test(streamId)
}

/** Throws {@link ValidationError} (path `streamId`) unless `streamId` matches {@link STREAM_ID_PATTERN}. */
export function assertValidStreamId(streamId: string): void {
  if (!isValidStreamId(streamId)) {
    throw new ValidationError('Invalid stream id', [{ path: 'streamId', message: STREAM_ID_RULE }])
  }
}

/** True for a string that {@link EVENT_ID_PATTERN} accepts. */
export function isValidEventId(id: unknown): id is string {
  return typeof id === 'string' && EVENT_ID_PATTERN.test(id)
}

/** Throws {@link ValidationError} (path `idempotencyKey`) unless the key matches {@link IDEMPOTENCY_KEY_PATTERN}. */
export function assertValidIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationError('Invalid idempotency key', [
      { path: 'idempotencyKey', message: IDEMPOTENCY_KEY_RULE },
    ])
  }
}
