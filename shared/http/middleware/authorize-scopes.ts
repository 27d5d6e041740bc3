import type { MiddlewareObj } from '@middy/core'
import { ForbiddenError } from '../errors.ts'
import type { HttpAuthorizer, HttpContext, HttpEvent, HttpInternal, HttpResult } from '../types.ts'

/** OAuth scopes of the events API, by HTTP method. */
export const EventScopes = {
  POST: 'events/write',
  GET: 'events/read',
} as const

/**
 * Scopes of a JWT-authorized request. API Gateway fills `jwt.scopes` only when the route declares
 * authorization scopes, so the token's own `scope` (space-separated, OAuth 2.0) or `scp` claim
 * is read as well.
 */
const scopesOf = (jwt: NonNullable<HttpAuthorizer['jwt']>): Set<string> => {
  const scopes = new Set(jwt.scopes ?? [])
  const scope = jwt.claims?.scope ?? jwt.claims?.scp
  const listed = Array.isArray(scope) ? scope : typeof scope === 'string' ? scope.split(' ') : []
  for (const s of listed) if (typeof s === 'string' && s) scopes.add(s)
  return scopes
}

/**
 * Authorization of JWT-authenticated requests: the method's scope (see {@link EventScopes}) must be
 * granted, else 403. API Gateway already answered 401 to a missing or invalid token; requests
 * authorized by IAM (the default) or by no authorizer carry no JWT and pass, since IAM policy
 * has decided already.
 */
export const authorizeScopes = (
  scopesByMethod: Record<string, string> = EventScopes,
): MiddlewareObj<HttpEvent, HttpResult | undefined, unknown, HttpContext, HttpInternal> => ({
  before: (request) => {
    const jwt = request.event.requestContext?.authorizer?.jwt
    if (!jwt) return
    const method = request.event.requestContext.http?.method?.toUpperCase() ?? ''
    const needed = scopesByMethod[method]
    if (needed && !scopesOf(jwt).has(needed)) {
      throw new ForbiddenError(`This request needs the ${needed} scope.`)
    }
  },
})
