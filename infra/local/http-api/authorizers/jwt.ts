/**
 * The local stand-in for API Gateway's JWT authorizer, with jose: verifies the signature against a
 * key set the runtime generates at start, the issuer, the audience, expiry and not-before, and refuses
 * anything else with 401 as API Gateway does. Scopes are checked by the functions (`events/write`,
 * `events/read`), as on AWS where the authorizer passes them on. `devToken` signs a token to try it.
 */
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose'

/** What the authorizer hands to the function, as in the API Gateway event. */
export interface JwtAuthorization {
  claims: Record<string, string>
  scopes: string[] | null
}

/** A running local JWT authorizer. */
export interface LocalJwtAuthorizer {
  issuer: string
  audience: string
  /** The public key set (what a JWKS endpoint would serve). */
  jwks: { keys: JWK[] }
  /** Resolves with the authorization, or undefined where API Gateway answers 401. */
  authorize(authorization: string | undefined): Promise<JwtAuthorization | undefined>
  /**
   * A token signed by this authorizer's key: `scope`, issuer, audience, subject, and an expiry
   * `ttlSeconds` from now (default 12 h); `claims` are added last (tests override `iss` or `aud` with them).
   */
  devToken(opts?: DevTokenOptions): Promise<string>
}

/** What a dev token says. */
export interface DevTokenOptions {
  scopes?: readonly string[]
  ttlSeconds?: number
  subject?: string
  claims?: Record<string, unknown>
}

const ALG = 'ES256'

/** API Gateway flattens every claim to a string; arrays become "[a b c]". */
function claimString(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return `[${value.map(claimString).join(' ')}]`
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

/** Scopes come from the `scope` (space-separated) or `scp` claim, as API Gateway reads them. */
function scopesOf(payload: JWTPayload): string[] | null {
  const raw = payload.scope ?? payload.scp
  if (typeof raw === 'string') return raw.split(' ').filter((scope) => scope !== '')
  if (Array.isArray(raw)) return raw.map(String)
  return null
}

/** Generates a key pair and returns an authorizer for tokens of `issuer` for `audience`. */
export async function createLocalJwtAuthorizer(
  issuer: string,
  audience: string,
): Promise<LocalJwtAuthorizer> {
  const { publicKey, privateKey } = await generateKeyPair(ALG)
  const jwk = { ...(await exportJWK(publicKey)), alg: ALG, use: 'sig', kid: 'local-1' }
  const jwks = { keys: [jwk] }
  const keySet = createLocalJWKSet(jwks)
  return {
    issuer,
    audience,
    jwks,
    async authorize(authorization) {
      const token = authorization?.trim().replace(/^Bearer\s+/i, '')
      if (!token) return undefined
      try {
        const { payload } = await jwtVerify(token, keySet, { issuer, audience, algorithms: [ALG] })
        const claims = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, claimString(v)]))
        return { claims, scopes: scopesOf(payload) }
      } catch {
        return undefined
      }
    },
    devToken({
      scopes = ['events/read', 'events/write'],
      ttlSeconds = 12 * 3600,
      subject = 'local-developer',
      claims = {},
    } = {}) {
      const now = Math.floor(Date.now() / 1000)
      const payload = { iss: issuer, aud: audience, sub: subject, scope: scopes.join(' '), iat: now }
      return new SignJWT({ ...payload, exp: now + ttlSeconds, ...claims })
        .setProtectedHeader({ alg: ALG, kid: jwk.kid })
        .sign(privateKey)
    },
  }
}
