import { ValidationError } from '../errors.ts'

/**
 * A stream id: starts with a letter or digit (so ids starting with `_` stay free for the store's own
 * items, e.g. idempotency guards), then up to 127 of letters, digits and `._:-`.
 */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

export function isValidStreamId(streamId: string): boolean {
  return STREAM_ID_PATTERN.test(streamId)
}

/** Throws {@link ValidationError} (path `streamId`) unless `streamId` matches {@link STREAM_ID_PATTERN}. */
export function assertValidStreamId(streamId: string): void {
  if (!isValidStreamId(streamId)) {
    throw new ValidationError(`Invalid stream id`, [
      { path: 'streamId', message: `must match ${STREAM_ID_PATTERN.source}` },
    ])
  }
}
