import { createHash } from 'node:crypto'
import { canonicalJson } from '../../canonical-json.ts'

/**
 * Fingerprint of a publish request for the idempotency guard: sha256 of stream id + canonical body,
 * so a retry serialised by another client library (other key order, other whitespace) matches.
 */
export const publishRequestHash = (streamId: string, body: unknown): string =>
  createHash('sha256').update(canonicalJson({ streamId, body })).digest('base64url')
