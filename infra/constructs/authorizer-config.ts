/**
 * Which authorizer protects the HTTP API, read from CDK context:
 * - nothing, or `-c authorizer=iam`: IAM (SigV4) authorization;
 * - `-c authorizer=jwt -c jwtIssuer=https://… -c jwtAudience=aud1,aud2`: a JWT authorizer.
 *
 * Validation is hand-written rather than a zod schema because the point is one error that names
 * every wrong context key in CDK's own terms, which a generic schema message does not do.
 */
import type { Node } from 'constructs'
import { InvalidAuthorizerConfigError } from './errors.ts'

/** The context keys this module reads. */
export const AuthorizerContextKeys = {
  authorizer: 'authorizer',
  jwtIssuer: 'jwtIssuer',
  jwtAudience: 'jwtAudience',
} as const

/** The authorizer kinds the API supports. */
export const AuthorizerKind = { iam: 'iam', jwt: 'jwt' } as const

/** A validated authorizer choice. */
export type AuthorizerConfig =
  | { readonly kind: typeof AuthorizerKind.iam }
  | {
      readonly kind: typeof AuthorizerKind.jwt
      readonly issuer: string
      readonly audience: readonly string[]
    }

/** Raw context values, as given by `cdk.json` (any JSON) or `-c key=value` (strings). */
export interface RawAuthorizerContext {
  readonly authorizer?: unknown
  readonly jwtIssuer?: unknown
  readonly jwtAudience?: unknown
}

/** Reads and validates the authorizer context of a construct's node. */
export function readAuthorizerConfig(node: Node): AuthorizerConfig {
  return parseAuthorizerConfig({
    authorizer: node.tryGetContext(AuthorizerContextKeys.authorizer),
    jwtIssuer: node.tryGetContext(AuthorizerContextKeys.jwtIssuer),
    jwtAudience: node.tryGetContext(AuthorizerContextKeys.jwtAudience),
  })
}

/**
 * Validates raw authorizer context.
 *
 * @throws {InvalidAuthorizerConfigError} listing every problem at once.
 * @example
 * parseAuthorizerConfig({ authorizer: 'jwt', jwtIssuer: 'https://id.example.com', jwtAudience: 'api' })
 * // => { kind: 'jwt', issuer: 'https://id.example.com', audience: ['api'] }
 */
export function parseAuthorizerConfig(raw: RawAuthorizerContext): AuthorizerConfig {
  const kind = raw.authorizer ?? AuthorizerKind.iam
  if (kind === AuthorizerKind.iam) return parseIam(raw)
  if (kind === AuthorizerKind.jwt) return parseJwt(raw)
  throw new InvalidAuthorizerConfigError([
    `context "authorizer" must be "iam" or "jwt", got ${JSON.stringify(kind)}`,
  ])
}

function parseIam(raw: RawAuthorizerContext): AuthorizerConfig {
  const stray = [AuthorizerContextKeys.jwtIssuer, AuthorizerContextKeys.jwtAudience].filter(
    (key) => raw[key] !== undefined,
  )
  if (stray.length > 0) {
    throw new InvalidAuthorizerConfigError(
      stray.map((key) => `context "${key}" is only used with authorizer=jwt (authorizer is "iam")`),
    )
  }
  return { kind: AuthorizerKind.iam }
}

function parseJwt(raw: RawAuthorizerContext): AuthorizerConfig {
  const problems: string[] = []
  const issuer = issuerProblem(raw.jwtIssuer)
  if (issuer !== undefined) problems.push(issuer)
  const audience = toAudience(raw.jwtAudience)
  if (audience.length === 0) {
    problems.push(
      'context "jwtAudience" is required with authorizer=jwt (one audience or a comma-separated list)',
    )
  }
  if (problems.length > 0) throw new InvalidAuthorizerConfigError(problems)
  return { kind: AuthorizerKind.jwt, issuer: String(raw.jwtIssuer), audience }
}

// API Gateway accepts only an https issuer; it fetches `<issuer>/.well-known/openid-configuration`.
function issuerProblem(value: unknown): string | undefined {
  if (value === undefined || value === '') return 'context "jwtIssuer" is required with authorizer=jwt'
  if (typeof value !== 'string' || !URL.canParse(value) || new URL(value).protocol !== 'https:') {
    return `context "jwtIssuer" must be an https URL, got ${JSON.stringify(value)}`
  }
  return undefined
}

// `-c jwtAudience=a,b` arrives as one string; cdk.json may hold an array.
function toAudience(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
  return items
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter(Boolean)
}
