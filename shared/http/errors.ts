/**
 * Errors the HTTP edge raises itself (before any domain code runs). The one error-mapping place,
 * `problem-mapping.ts`, turns them, and the domain's typed errors, into RFC 9457 problem details.
 */

/** One field-level problem: a path such as `events[0].data.orderId` and what is wrong with it. */
export interface FieldIssue {
  path: string
  message: string
}

/** Base class of the HTTP edge's errors: carries the status and a detail that is safe to show. */
export class HttpRequestError extends Error {
  readonly status: number
  readonly issues: readonly FieldIssue[]

  constructor(status: number, detail: string, options?: { cause?: unknown; issues?: readonly FieldIssue[] }) {
    super(detail, { cause: options?.cause })
    this.name = 'HttpRequestError'
    this.status = status
    this.issues = options?.issues ?? []
  }
}

/** 400: the body is not well-formed JSON, or a path parameter can never name a resource. */
export class BadRequestError extends HttpRequestError {
  constructor(detail: string, options?: { cause?: unknown; issues?: readonly FieldIssue[] }) {
    super(400, detail, options)
    this.name = 'BadRequestError'
  }
}

/** 400: the body is not well-formed JSON (its own problem type, so clients can tell it apart). */
export class MalformedJsonError extends BadRequestError {
  constructor(options?: { cause?: unknown }) {
    super('The request body is not well-formed JSON.', options)
    this.name = 'MalformedJsonError'
  }
}

/** 403: authenticated, but the token lacks the scope the route needs. */
export class ForbiddenError extends HttpRequestError {
  constructor(detail: string) {
    super(403, detail)
    this.name = 'ForbiddenError'
  }
}

/** 404: no such route, or no such stream. */
export class NotFoundError extends HttpRequestError {
  constructor(detail: string) {
    super(404, detail)
    this.name = 'NotFoundError'
  }
}

/** 413: the request body, or one event's envelope, is larger than the limit. */
export class ContentTooLargeError extends HttpRequestError {
  constructor(detail: string, options?: { issues?: readonly FieldIssue[] }) {
    super(413, detail, options)
    this.name = 'ContentTooLargeError'
  }
}

/** 415: the body is not `application/json` (or a `+json` type). */
export class UnsupportedMediaTypeError extends HttpRequestError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(415, detail, options)
    this.name = 'UnsupportedMediaTypeError'
  }
}

/** 422: well-formed JSON that violates the request schema; `issues` name every offending field. */
export class UnprocessableContentError extends HttpRequestError {
  constructor(detail: string, issues: readonly FieldIssue[], options?: { cause?: unknown }) {
    super(422, detail, { ...options, issues })
    this.name = 'UnprocessableContentError'
  }
}
