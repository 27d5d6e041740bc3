import { createHash } from 'node:crypto'
import { canonicalJson } from '../canonical-json.ts'
import type { NewEvent } from './types.ts'

/**
 * The one fingerprint of an append request, which an idempotency key is bound to: sha256 over the
 * stream id, the events as the client sent them, and expectedVersion. Canonical JSON, so a retry
 * serialised by another client library (other key order) matches. Metadata the server adds per
 * request (correlation id, trace context) is not part of it: a retry carries new values.
 */
export function requestHash(streamId: string, events: readonly NewEvent[], expectedVersion?: number): string {
  const request = { streamId, events, expectedVersion: expectedVersion ?? null }
  return createHash('sha256').update(canonicalJson(request)).digest('base64url')
}
