/**
 * How the client authenticates: SigV4 for `execute-api` (the stack's default IAM authorizer), signed
 * with the AWS SDK's own signer and credentials from the default provider chain unless given, or a
 * bearer token (the JWT authorizer).
 */
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'

/** Authentication of the requests. */
export type ClientAuth =
  | { sigv4: { region: string; credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider } }
  | { bearer: string | (() => string | Promise<string>) }

/** A request about to be sent. */
export interface OutgoingRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body?: string
}

/** Adds the authentication headers to a request (returns the headers to send). */
export type Authenticate = (request: OutgoingRequest) => Promise<Record<string, string>>

/** The authenticator of `auth`; without auth, requests go as they are (the local stack's default). */
export function authenticator(auth: ClientAuth | undefined): Authenticate {
  if (auth === undefined) return async (request) => request.headers
  if ('bearer' in auth) {
    const { bearer } = auth
    return async (request) => ({
      ...request.headers,
      authorization: `Bearer ${typeof bearer === 'string' ? bearer : await bearer()}`,
    })
  }
  const { region } = auth.sigv4
  const credentials = auth.sigv4.credentials ?? defaultCredentials()
  const signer = new SignatureV4({
    credentials,
    region,
    service: 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  })
  return async ({ method, url, headers, body }) => {
    const query: Record<string, string> = Object.fromEntries(url.searchParams)
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host },
      ...(body === undefined ? {} : { body }),
    })
    // fetch sets Host itself, to the same value that was signed.
    const { host: _, ...toSend } = signed.headers
    return toSend
  }
}

/** The AWS SDK's default credential chain (environment, profile, SSO, IMDS...), loaded only when used. */
function defaultCredentials(): AwsCredentialIdentityProvider {
  let provider: AwsCredentialIdentityProvider | undefined
  return async () => {
    provider ??= (await import('@aws-sdk/credential-provider-node')).defaultProvider()
    return provider()
  }
}
