import type { MiddlewareObj } from '@middy/core'
import { ContentTooLargeError } from '../errors.ts'
import { MAX_REQUEST_BODY_BYTES } from '../limits.ts'
import type { HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'

/** Size in bytes of the decoded body, computed without decoding base64 (4 chars carry 3 bytes). */
const decodedSize = (body: string, isBase64Encoded: boolean): number => {
  if (!isBase64Encoded) return Buffer.byteLength(body, 'utf8')
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0
  return Math.floor((body.length * 3) / 4) - padding
}

/**
 * Rejects bodies over `maxBytes` with 413 before anything parses them. Our own because no middy
 * package limits the body size (API Gateway's own limit is 10 MB, far above what one atomic
 * append can take; see {@link MAX_REQUEST_BODY_BYTES}).
 */
export const bodySizeLimit = (
  maxBytes: number = MAX_REQUEST_BODY_BYTES,
): MiddlewareObj<HttpEvent, HttpResult | undefined, unknown, HttpContext, HttpInternal> => ({
  before: (request) => {
    const { body, isBase64Encoded } = request.event
    if (typeof body !== 'string') return
    const size = decodedSize(body, isBase64Encoded === true)
    if (size > maxBytes) {
      throw new ContentTooLargeError(`The request body is ${size} bytes; the limit is ${maxBytes} bytes.`)
    }
  },
})
