/**
 * What a publisher sees when the backbone says no: one class per problem a caller handles
 * differently, built from the RFC 9457 problem details the API answers with.
 */

/** A problem details body, as the API sends it. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors?: ReadonlyArray<{ path: string; message: string }>
  expectedVersion?: number
  actualVersion?: number
  correlationId?: string
}

/** Base class of every error the client throws. */
export class BackboneClientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'BackboneClientError'
  }
}

/** The API answered with a problem (a 4xx, or a 5xx that outlived the retries). */
export class ProblemError extends BackboneClientError {
  readonly status: number
  readonly problem: Problem
  constructor(problem: Problem, options?: ErrorOptions) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`, options)
    this.name = 'ProblemError'
    this.status = problem.status
    this.problem = problem
  }
}

/** 409: the stream is not at the version the request expected. */
export class StreamVersionConflictError extends ProblemError {
  readonly expectedVersion: number | undefined
  readonly actualVersion: number | undefined
  constructor(problem: Problem) {
    super(problem)
    this.name = 'StreamVersionConflictError'
    this.expectedVersion = problem.expectedVersion
    this.actualVersion = problem.actualVersion
  }
}

/** 422: the events (or the body) break their schema; `issues` name the fields. */
export class EventValidationError extends ProblemError {
  readonly issues: ReadonlyArray<{ path: string; message: string }>
  constructor(problem: Problem) {
    super(problem)
    this.name = 'EventValidationError'
    this.issues = problem.errors ?? []
  }
}

/** 401 or 403: no credentials, wrong credentials, or a missing scope. */
export class NotAuthorizedError extends ProblemError {
  constructor(problem: Problem) {
    super(problem)
    this.name = 'NotAuthorizedError'
  }
}

/** 404 on a read: the stream has no events. */
export class StreamNotFoundError extends ProblemError {
  constructor(problem: Problem) {
    super(problem)
    this.name = 'StreamNotFoundError'
  }
}

/** The API could not be reached (network error) after every retry. */
export class BackboneUnreachableError extends BackboneClientError {
  constructor(url: string, attempts: number, options?: ErrorOptions) {
    super(`${url} could not be reached after ${attempts} attempt(s)`, options)
    this.name = 'BackboneUnreachableError'
  }
}

/** The typed error of a problem answer. */
export function errorOf(problem: Problem): ProblemError {
  switch (problem.status) {
    case 409:
      return new StreamVersionConflictError(problem)
    case 422:
      return new EventValidationError(problem)
    case 401:
    case 403:
      return new NotAuthorizedError(problem)
    case 404:
      return new StreamNotFoundError(problem)
    default:
      return new ProblemError(problem)
  }
}
