import { createHash } from 'node:crypto'

/**
 * JSON with object keys sorted at every level, so a retry serialised by another client library
 * (other key order, other whitespace) is recognised as the same request.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Fingerprint of a publish request for the idempotency guard: sha256 of stream id + canonical body. */
export const publishRequestHash = (streamId: string, body: unknown): string =>
  createHash('sha256').update(canonicalJson({ streamId, body })).digest('base64url')
