/**
 * Parses a JSON request body, as `@middy/http-json-body-parser` does and with the same checks: the
 * content type must be `application/json` or any `+json` (415), the body must parse (400, where the
 * package says 422: this API's contract and RFC 9110 say 400), and it may not carry `__proto__` or
 * `constructor.prototype` keys (422 naming the key). The content-type pattern and base64 decoding are
 * @middy/util's. The parse is secure-json-parse's (fastify's): middy's parser runs a reviver over
 * every key to find those keys, ~5× slower than JSON.parse (7.5 µs against 1.4 µs for a one-event
 * publish, 630 µs against 100 µs for a 100-event one); secure-json-parse parses plainly and scans the
 * result only when the text could hold such a key.
 */
import type { MiddlewareObj } from '@middy/core'
import { decodeBody, jsonContentTypePattern } from '@middy/util'
import sjson from 'secure-json-parse'
import { MalformedJsonError, UnprocessableContentError, UnsupportedMediaTypeError } from '../errors.ts'
import type { HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'

const FORBIDDEN = { protoAction: 'error', constructorAction: 'error' } as const

/** secure-json-parse's message when it refuses a key (the parse itself throws JSON.parse's errors). */
const FORBIDDEN_MESSAGE = 'Object contains forbidden prototype property'

/** Which forbidden key a refused body holds: `__proto__` unless only a `constructor` one. */
function forbiddenKey(text: string): string {
  try {
    sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'ignore' })
    return 'constructor'
  } catch {
    return '__proto__'
  }
}

function parse(text: string): unknown {
  try {
    return sjson.parse(text, undefined, FORBIDDEN)
  } catch (error) {
    if (error instanceof SyntaxError && error.message === FORBIDDEN_MESSAGE) {
      throw new UnprocessableContentError('The body contains a forbidden key.', [
        { path: forbiddenKey(text), message: 'this key is not allowed (prototype pollution)' },
      ])
    }
    throw new MalformedJsonError({ cause: error })
  }
}

export const jsonBody = (): MiddlewareObj<
  HttpEvent,
  HttpResult | undefined,
  unknown,
  HttpContext,
  HttpInternal
> => ({
  before: (request) => {
    const { headers, body, isBase64Encoded } = request.event
    if (!jsonContentTypePattern.test(headers?.['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeError('The request body must be application/json.')
    }
    // Before this middleware the body is the raw text API Gateway sent (see HttpEvent).
    if (typeof body !== 'string') throw new MalformedJsonError()
    request.event.body = parse(decodeBody(body, isBase64Encoded) ?? '')
  },
})
