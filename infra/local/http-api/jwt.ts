/**
 * A stand-in for API Gateway's JWT authorizer. LOCAL ONLY: it decodes the token and checks its
 * expiry but verifies NO signature, issuer or audience, so any well-formed token passes. It exists so
 * handlers see `requestContext.authorizer.jwt` exactly as on AWS; it is no security boundary.
 */

/** What the authorizer hands to the function, as in the API Gateway event. */
export interface JwtAuthorization {
  claims: Record<string, string>
  scopes: string[] | null
}

function decodeJson(part: string | undefined): Record<string, unknown> | undefined {
  if (part === undefined || !/^[A-Za-z0-9_-]+$/.test(part)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** API Gateway flattens every claim to a string; arrays become "[a b c]". */
function claimString(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return `[${value.map(claimString).join(' ')}]`
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

/** Scopes come from the `scope` (space-separated) or `scp` claim, as API Gateway reads them. */
function scopesOf(payload: Record<string, unknown>): string[] | null {
  const raw = payload.scope ?? payload.scp
  if (typeof raw === 'string') return raw.split(' ').filter((scope) => scope !== '')
  if (Array.isArray(raw)) return raw.map(String)
  return null
}

function isCurrent(payload: Record<string, unknown>, nowSeconds: number): boolean {
  const { exp, nbf } = payload
  if (typeof exp === 'number' && exp <= nowSeconds) return false
  return !(typeof nbf === 'number' && nbf > nowSeconds)
}

/**
 * Reads the `Authorization` header (with or without the `Bearer ` prefix). Returns undefined when API
 * Gateway would answer 401: no token, not three base64url parts, not JSON, expired or not yet valid.
 */
export function authorizeJwt(
  authorization: string | undefined,
  now = Date.now(),
): JwtAuthorization | undefined {
  const token = authorization?.trim().replace(/^Bearer\s+/i, '')
  if (token === undefined || token === '') return undefined
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const header = decodeJson(parts[0])
  const payload = decodeJson(parts[1])
  if (header === undefined || payload === undefined || !isCurrent(payload, now / 1000)) return undefined
  const claims = Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, claimString(value)]))
  return { claims, scopes: scopesOf(payload) }
}
