/**
 * Shard iterators are self-describing tokens (stream, shard, position, issue time), so the engine
 * keeps no per-iterator state. Like AWS's they expire after 15 minutes.
 */
import { ExpiredIteratorError, ValidationError } from './errors.ts'

/** DynamoDB Streams shard iterators are valid for 15 minutes. */
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000

/** A decoded iterator: read records with a sequence number greater than `after`. */
export interface ShardPosition {
  streamArn: string
  shardId: string
  after: string
  issuedAtMs: number
}

export function encodeIterator(position: Omit<ShardPosition, 'issuedAtMs'>): string {
  const token = { a: position.streamArn, s: position.shardId, p: position.after, t: Date.now() }
  return Buffer.from(JSON.stringify(token)).toString('base64url')
}

/** Decodes an iterator; ValidationException when it is not one, ExpiredIteratorException when too old. */
export function decodeIterator(iterator: unknown): ShardPosition {
  if (typeof iterator !== 'string' || iterator.length < 1 || iterator.length > 2048) {
    throw new ValidationError('Invalid ShardIterator')
  }
  let token: unknown
  try {
    token = JSON.parse(Buffer.from(iterator, 'base64url').toString('utf8'))
  } catch (cause) {
    throw Object.assign(new ValidationError('Invalid ShardIterator'), { cause })
  }
  const { a, s, p, t } = (token ?? {}) as Record<string, unknown>
  if (typeof a !== 'string' || typeof s !== 'string' || typeof p !== 'string' || typeof t !== 'number') {
    throw new ValidationError('Invalid ShardIterator')
  }
  const now = Date.now()
  if (now - t > ITERATOR_LIFETIME_MS) {
    throw new ExpiredIteratorError(
      `Iterator expired. The iterator was created at time ${new Date(t).toUTCString()} while right now it is ${new Date(now).toUTCString()} which is further in the future than the tolerated delay of ${ITERATOR_LIFETIME_MS} milliseconds.`,
    )
  }
  return { streamArn: a, shardId: s, after: p, issuedAtMs: t }
}
