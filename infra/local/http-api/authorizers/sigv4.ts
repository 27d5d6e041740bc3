/**
 * The local stand-in for API Gateway's IAM authorization: verifies an AWS Signature Version 4
 * (service `execute-api`) against the local credentials, by signing the same request again with the
 * AWS SDK's own signer and comparing. Refuses (403, as API Gateway does) a request that is unsigned,
 * signed with another key or secret, for another region or service, tampered with after signing
 * (method, path, query, a signed header or the body), or dated more than 5 minutes from now.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'

/** The key pair requests must be signed with. */
export interface LocalCredentials {
  accessKeyId: string
  secretAccessKey: string
}

/** What API Gateway hands the function as `requestContext.authorizer.iam`. */
export interface IamAuthorization {
  accessKey: string
  accountId: string
  callerId: string
  principalOrgId: null
  userArn: string
  userId: string
  cognitoIdentity: null
}

/** The parts of a request a signature covers. */
export interface SignedRequest {
  method: string
  /** Path and query as received (`/streams/order-1/events?limit=5`). */
  target: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export type SigV4Outcome = { ok: true; iam: IamAuthorization } | { ok: false; reason: string }

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/
const SKEW_MS = 5 * 60 * 1000

const header = (headers: SignedRequest['headers'], name: string): string | undefined => {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/** `20261201T101500Z` → Date, or undefined. */
function amzDate(value: string | undefined): Date | undefined {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second))
}

/** A verifier for `credentials` in `region`, as `execute-api` signs. */
export function sigV4Verifier(credentials: LocalCredentials, region: string, accountId: string) {
  const signer = new SignatureV4({
    credentials,
    region,
    service: 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  })
  return async (request: SignedRequest, now = new Date()): Promise<SigV4Outcome> => {
    const match = AUTH.exec(header(request.headers, 'authorization') ?? '')
    if (!match) return { ok: false, reason: 'Missing Authentication Token' }
    const [, accessKeyId, , signedRegion, service, signedHeaders = '', signature = ''] = match
    if (accessKeyId !== credentials.accessKeyId)
      return { ok: false, reason: 'The security token included in the request is invalid' }
    if (signedRegion !== region || service !== 'execute-api')
      return { ok: false, reason: `Credential should be scoped to ${region}/execute-api` }
    const date = amzDate(header(request.headers, 'x-amz-date'))
    if (!date) return { ok: false, reason: 'Missing X-Amz-Date' }
    if (Math.abs(now.getTime() - date.getTime()) > SKEW_MS) return { ok: false, reason: 'Signature expired' }
    // The signer trusts a signed x-amz-content-sha256 as the body's hash: check it is the body's.
    const claimedHash = header(request.headers, 'x-amz-content-sha256')
    if (
      claimedHash !== undefined &&
      claimedHash !== createHash('sha256').update(request.body).digest('hex')
    ) {
      return { ok: false, reason: 'The request body does not match its x-amz-content-sha256' }
    }
    const names = signedHeaders.split(';')
    if (!names.includes('host')) return { ok: false, reason: 'Host must be signed' }
    const queryAt = request.target.indexOf('?')
    const path = queryAt === -1 ? request.target : request.target.slice(0, queryAt)
    const query: Record<string, string | string[]> = {}
    for (const [k, v] of new URLSearchParams(queryAt === -1 ? '' : request.target.slice(queryAt + 1))) {
      const seen = query[k]
      query[k] = seen === undefined ? v : [...(Array.isArray(seen) ? seen : [seen]), v]
    }
    const headers = Object.fromEntries(names.map((n) => [n, header(request.headers, n) ?? '']))
    const resigned = await signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: (headers.host ?? '').replace(/:\d+$/, ''),
        path: decodeURIComponent(path),
        query,
        headers,
        body: request.body.length > 0 ? request.body : undefined,
      },
      { signingDate: date },
    )
    const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1] ?? ''
    const same =
      expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
    if (!same)
      return {
        ok: false,
        reason: 'The request signature we calculated does not match the signature you provided',
      }
    return {
      ok: true,
      iam: {
        accessKey: accessKeyId,
        accountId,
        callerId: accessKeyId,
        principalOrgId: null,
        userArn: `arn:aws:iam::${accountId}:user/local`,
        userId: accessKeyId,
        cognitoIdentity: null,
      },
    }
  }
}
