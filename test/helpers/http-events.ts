/**
 * HTTP API (payload format 2.0) events for the HTTP unit tests, built from the real AWS samples in
 * test/fixtures/aws-events so the tests feed handlers the shapes API Gateway sends.
 */
import { readFileSync } from 'node:fs'
import type { Context } from 'aws-lambda'
import type { HttpEvent, HttpResult } from '../../shared/http/types.ts'

const FIXTURES = new URL('../fixtures/aws-events/', import.meta.url)

/** Which authorizer sample the event is built from. */
export type Auth = 'none' | 'iam' | 'jwt'

const samples: Record<Auth, string> = {
  none: 'apigw-http-no-auth.json',
  iam: 'apigw-http-iam-auth.json',
  jwt: 'apigw-http-jwt-authorizer-auth.json',
}

export interface EventOptions {
  method?: string
  path?: string
  /** API Gateway route key; `$default` when omitted. */
  routeKey?: string
  headers?: Record<string, string>
  query?: Record<string, string>
  pathParameters?: Record<string, string>
  body?: string
  isBase64Encoded?: boolean
  auth?: Auth
  /** Scopes granted by the JWT authorizer (only with auth 'jwt'). */
  scopes?: string[] | null
}

/** An HTTP API event from the fixture of `auth`, overridden by `opts`. */
export const httpEvent = (opts: EventOptions = {}): HttpEvent => {
  const sample = JSON.parse(readFileSync(new URL(samples[opts.auth ?? 'none'], FIXTURES), 'utf8'))
  const method = opts.method ?? 'GET'
  const path = opts.path ?? '/'
  const event = {
    ...sample,
    routeKey: opts.routeKey ?? '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { ...sample.headers, ...opts.headers },
    requestContext: { ...sample.requestContext, http: { ...sample.requestContext.http, method, path } },
    isBase64Encoded: opts.isBase64Encoded ?? false,
  }
  if (opts.query) event.queryStringParameters = opts.query
  if (opts.pathParameters) event.pathParameters = opts.pathParameters
  if (opts.body !== undefined) event.body = opts.body
  if (opts.auth === 'jwt' && opts.scopes !== undefined)
    event.requestContext.authorizer.jwt.scopes = opts.scopes
  return event
}

/** A JSON POST of `body` to `path`. */
export const postJson = (path: string, body: unknown, opts: EventOptions = {}): HttpEvent =>
  httpEvent({
    method: 'POST',
    path,
    ...opts,
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

/** A Lambda context as the runtime passes it (enough for middy and Powertools). */
export const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test-fn',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test-fn',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/test-fn',
  logStreamName: '2024/01/01/[$LATEST]abcdef',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
})

/** The parsed JSON body of a response. */
export const bodyOf = (result: HttpResult): Record<string, unknown> => JSON.parse(result.body ?? 'null')

/** A response header, looked up case-insensitively. */
export const headerOf = (result: HttpResult, name: string): string | undefined => {
  const found = Object.entries(result.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())
  return found === undefined ? undefined : String(found[1])
}
