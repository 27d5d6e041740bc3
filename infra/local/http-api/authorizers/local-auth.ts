/**
 * The authorizer the local stack puts in front of its HTTP API, by name (`BACKBONE_AUTHORIZER`):
 * `none` (the default: local requests need no credentials), `iam` (SigV4 with the local credentials,
 * as the stack's default IAM authorizer on AWS) or `jwt` (tokens signed by a key generated at start;
 * `devToken` mints one).
 */
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../clients.ts'
import { LOCAL_ACCOUNT_ID } from '../../lambda/arn.ts'
import {
  createLocalJwtAuthorizer,
  iamAuthorizer,
  jwtAuthorizer,
  noAuthorizer,
  type RequestAuthorizer,
  sigV4Verifier,
} from './index.ts'
import type { DevTokenOptions } from './jwt.ts'

export type AuthorizerKind = 'none' | 'iam' | 'jwt'

/** Issuer and audience of the local JWT authorizer's tokens. */
export const LOCAL_JWT = { issuer: 'urn:event-backbone:local', audience: 'event-backbone' } as const

/** The authorizer and what a client needs to pass it. */
export interface LocalAuth {
  kind: AuthorizerKind
  authorizer: RequestAuthorizer
  /** `jwt` only: mints a token the local authorizer accepts (scopes events/read and events/write by default). */
  devToken?: (opts?: DevTokenOptions) => Promise<string>
}

/** Builds the authorizer `kind`; a JWT authorizer generates its key pair now. */
export async function localAuth(kind: AuthorizerKind = 'none'): Promise<LocalAuth> {
  if (kind === 'iam') {
    return {
      kind,
      authorizer: iamAuthorizer(sigV4Verifier(LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_ACCOUNT_ID)),
    }
  }
  if (kind === 'jwt') {
    const local = await createLocalJwtAuthorizer(LOCAL_JWT.issuer, LOCAL_JWT.audience)
    return { kind, authorizer: jwtAuthorizer(local), devToken: (opts) => local.devToken(opts) }
  }
  return { kind, authorizer: noAuthorizer }
}

/** `BACKBONE_AUTHORIZER`, checked: a typo must not silently leave the API open. */
export function authorizerKind(value: string | undefined): AuthorizerKind {
  if (value === undefined || value === '' || value === 'none') return 'none'
  if (value === 'iam' || value === 'jwt') return value
  throw new Error(`BACKBONE_AUTHORIZER must be none, iam or jwt, got "${value}"`)
}
