import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_RULE } from '../../store/rules.ts'
import { BadRequestError } from '../errors.ts'

/** The request header of the IETF httpapi Idempotency-Key draft (lower-cased by the normalizer). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key'

/**
 * Reads the `Idempotency-Key` header. The draft defines it as a Structured Field string
 * (`"8e03978e-…"`); a bare token is accepted too, as most clients send one. A malformed key makes
 * the request malformed: 400 naming the header.
 */
export const parseIdempotencyKey = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined
  const trimmed = header.trim()
  const quoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
  const key = quoted ? trimmed.slice(1, -1).replace(/\\(["\\])/g, '$1') : trimmed
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new BadRequestError('Invalid Idempotency-Key header.', {
      issues: [{ path: 'Idempotency-Key', message: IDEMPOTENCY_KEY_RULE }],
    })
  }
  return key
}
