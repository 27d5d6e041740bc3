import type { MiddlewareObj } from '@middy/core'
import httpJsonBodyParser from '@middy/http-json-body-parser'
import { MalformedJsonError, UnprocessableContentError, UnsupportedMediaTypeError } from '../errors.ts'
import type { HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number'
    ? error.statusCode
    : undefined

/**
 * Parses a JSON body with `@middy/http-json-body-parser` (content type `application/json` or any
 * `+json`, prototype-pollution keys refused) and translates its errors into ours: the package
 * answers malformed JSON with 422, where this API's contract (and RFC 9110) says 400.
 */
export const jsonBody = (): MiddlewareObj<
  HttpEvent,
  HttpResult | undefined,
  unknown,
  HttpContext,
  HttpInternal
> => {
  const parser = httpJsonBodyParser()
  return {
    before: (request) => {
      try {
        // biome-ignore lint/suspicious/noExplicitAny: the package types its request loosely
        parser.before?.(request as any)
      } catch (error) {
        const status = statusOf(error)
        if (status === 415) {
          throw new UnsupportedMediaTypeError('The request body must be application/json.', { cause: error })
        }
        if (status === 422 && error instanceof Error && error.message === 'Forbidden key in JSON body') {
          const key = String((error.cause as { data?: unknown } | undefined)?.data ?? '__proto__')
          throw new UnprocessableContentError('The body contains a forbidden key.', [
            { path: key, message: 'this key is not allowed (prototype pollution)' },
          ])
        }
        throw new MalformedJsonError({ cause: error })
      }
    },
  }
}
