/**
 * The local HTTP API's authorizers, as API Gateway runs them before any function: none (the local
 * default), IAM (SigV4 with the local credentials) or JWT (a key set generated at start). Each either
 * hands the function its `requestContext.authorizer`, or answers itself: 403 for IAM, 401 for JWT.
 */
import type { JwtAuthorization, LocalJwtAuthorizer } from './jwt.ts'
import type { IamAuthorization, SignedRequest, SigV4Outcome } from './sigv4.ts'

export type { JwtAuthorization, LocalJwtAuthorizer } from './jwt.ts'
export { createLocalJwtAuthorizer } from './jwt.ts'
export type { IamAuthorization, LocalCredentials, SignedRequest } from './sigv4.ts'
export { sigV4Verifier } from './sigv4.ts'

/** What the function receives as `requestContext.authorizer`. */
export type AuthorizerContext = { jwt: JwtAuthorization } | { iam: IamAuthorization }

export type AuthorizerOutcome =
  | { ok: true; context?: AuthorizerContext }
  | { ok: false; statusCode: 401 | 403; message: string }

/** Runs before the function on every matched route. */
export type RequestAuthorizer = (request: SignedRequest) => Promise<AuthorizerOutcome>

export const noAuthorizer: RequestAuthorizer = async () => ({ ok: true })

/** API Gateway's JWT authorizer: 401 `Unauthorized` for a missing or invalid token. */
export const jwtAuthorizer =
  (local: LocalJwtAuthorizer): RequestAuthorizer =>
  async (request) => {
    const raw = request.headers.authorization
    const jwt = await local.authorize(Array.isArray(raw) ? raw[0] : raw)
    return jwt ? { ok: true, context: { jwt } } : { ok: false, statusCode: 401, message: 'Unauthorized' }
  }

/** API Gateway's IAM authorization: 403 with the reason for an unsigned or wrongly signed request. */
export const iamAuthorizer =
  (verify: (request: SignedRequest) => Promise<SigV4Outcome>): RequestAuthorizer =>
  async (request) => {
    const outcome = await verify(request)
    return outcome.ok
      ? { ok: true, context: { iam: outcome.iam } }
      : { ok: false, statusCode: 403, message: outcome.reason }
  }
