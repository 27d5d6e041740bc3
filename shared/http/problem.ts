import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import type { FieldIssue } from './errors.ts'

/** Media type of RFC 9457 problem details. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/**
 * Problem types. RFC 9457 §3.1.1 allows a non-dereferenceable URI; a URN keeps the types stable
 * across deployments (a URL would tie them to a host name users fork away from).
 */
export const ProblemType = {
  MalformedJson: 'urn:event-backbone:problem:malformed-json',
  InvalidRequest: 'urn:event-backbone:problem:invalid-request',
  Forbidden: 'urn:event-backbone:problem:forbidden',
  NotFound: 'urn:event-backbone:problem:not-found',
  VersionConflict: 'urn:event-backbone:problem:version-conflict',
  ContentTooLarge: 'urn:event-backbone:problem:content-too-large',
  UnsupportedMediaType: 'urn:event-backbone:problem:unsupported-media-type',
  ValidationFailed: 'urn:event-backbone:problem:validation-failed',
  IdempotencyKeyReused: 'urn:event-backbone:problem:idempotency-key-reused',
  Internal: 'urn:event-backbone:problem:internal-error',
} as const

/** An RFC 9457 problem details object with this API's extension members. */
export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  /** Field-level issues (422, some 400/413). */
  errors?: readonly FieldIssue[]
  /** On 409: the version the client expected, and the stream's actual version. */
  expectedVersion?: number
  actualVersion?: number
  /** The request's correlation id, so a client can quote it to an operator. */
  correlationId?: string
}

/** Encodes problem details as an HTTP API (payload format 2.0) response. */
export const problemResponse = (problem: ProblemDetails): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  body: JSON.stringify(problem),
})
