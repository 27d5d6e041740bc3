import {
  BatchTooLargeError,
  EventTooLargeError,
  IdempotencyKeyReusedError,
  NoReducerError,
  StreamNotFoundError,
  UnknownEventTypeError,
  ValidationError,
  VersionConflictError,
} from '../errors.ts'
import { HttpRequestError, MalformedJsonError } from './errors.ts'
import { type ProblemDetails, ProblemType } from './problem.ts'

type Problem = Omit<ProblemDetails, 'instance' | 'correlationId'>

const EDGE_TYPES: Record<number, { type: string; title: string }> = {
  400: { type: ProblemType.InvalidRequest, title: 'Bad Request' },
  403: { type: ProblemType.Forbidden, title: 'Forbidden' },
  404: { type: ProblemType.NotFound, title: 'Not Found' },
  413: { type: ProblemType.ContentTooLarge, title: 'Content Too Large' },
  415: { type: ProblemType.UnsupportedMediaType, title: 'Unsupported Media Type' },
  422: { type: ProblemType.ValidationFailed, title: 'Unprocessable Content' },
}

const INTERNAL: Problem = {
  type: ProblemType.Internal,
  title: 'Internal Server Error',
  status: 500,
  detail: 'An unexpected error occurred. Quote the correlation id when reporting it.',
}

const fromEdgeError = (error: HttpRequestError): Problem => {
  const known = EDGE_TYPES[error.status]
  if (!known) return INTERNAL
  const type = error instanceof MalformedJsonError ? ProblemType.MalformedJson : known.type
  const problem: Problem = { ...known, type, status: error.status, detail: error.message }
  return error.issues.length > 0 ? { ...problem, errors: error.issues } : problem
}

const unprocessable = (
  detail: string,
  errors: Problem['errors'],
  type: string = ProblemType.ValidationFailed,
) => ({
  type,
  title: 'Unprocessable Content',
  status: 422,
  detail,
  ...(errors ? { errors } : {}),
})

/** Domain errors: their messages are written for clients, so `detail` may quote them. */
const fromDomainError = (error: unknown): Problem | undefined => {
  if (error instanceof VersionConflictError) {
    return {
      type: ProblemType.VersionConflict,
      title: 'Conflict',
      status: 409,
      detail: `Stream ${error.streamId} is at version ${error.actualVersion}, not ${error.expectedVersion}.`,
      expectedVersion: error.expectedVersion,
      actualVersion: error.actualVersion,
    }
  }
  if (error instanceof ValidationError) return unprocessable(error.message, error.issues)
  if (error instanceof UnknownEventTypeError) {
    return unprocessable(error.message, [{ path: 'type', message: `unknown event type ${error.eventType}` }])
  }
  if (error instanceof IdempotencyKeyReusedError) {
    const detail = 'This Idempotency-Key was already used with a different request; use a new key.'
    return unprocessable(detail, undefined, ProblemType.IdempotencyKeyReused)
  }
  if (error instanceof BatchTooLargeError || error instanceof EventTooLargeError) {
    const path = error instanceof EventTooLargeError ? `events[${error.index}]` : 'events'
    const detail = error.message
    return {
      type: ProblemType.ContentTooLarge,
      title: 'Content Too Large',
      status: 413,
      detail,
      errors: [{ path, message: detail }],
    }
  }
  if (error instanceof StreamNotFoundError || error instanceof NoReducerError) {
    return { type: ProblemType.NotFound, title: 'Not Found', status: 404, detail: error.message }
  }
  return undefined
}

/**
 * The one place that turns an error into problem details. Our typed errors keep their status and a
 * client-safe detail; anything else (SDK failure, bug, timeout) becomes a 500 whose detail says
 * nothing about the cause, which is logged instead.
 */
export const toProblem = (error: unknown, instance: string, correlationId: string): ProblemDetails => {
  const problem =
    error instanceof HttpRequestError ? fromEdgeError(error) : (fromDomainError(error) ?? INTERNAL)
  return { ...problem, instance, correlationId }
}
