/**
 * Turns an HTTP request into the API Gateway HTTP API payload format 2.0 event
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * Optional keys (cookies, queryStringParameters, pathParameters, body) are left out when empty, as
 * API Gateway leaves them out.
 */
import { isUtf8 } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { LOCAL_ACCOUNT_ID } from '../lambda/arn.ts'
import type { AuthorizerContext } from './authorizers/index.ts'
import type { RouteMatch } from './routes.ts'

/** The facts of one request the event is built from. */
export interface RequestFacts {
  method: string
  /** Request target as received, e.g. `/streams/a/events?limit=2`. */
  target: string
  /** Header values by lower-case name (Node's `headersDistinct`). */
  headers: Record<string, string[] | undefined>
  httpVersion: string
  sourceIp: string
  localPort: number
  body: Buffer
  requestId: string
  now: Date
}

/** The event, typed like @types/aws-lambda's; `authorizer` only with the JWT authorizer on. */
export type HttpApiEvent = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: AuthorizerContext }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** API Gateway's request time format: `17/Jun/2024:15:52:39 +0000`. */
export function requestTime(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  const date = `${pad(now.getUTCDate())}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}`
  return `${date}:${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`
}

/** An id shaped like API Gateway's (`ZhNHJhhLjoEEPiw=`). */
export function newRequestId(): string {
  return randomBytes(11).toString('base64')
}

// API Gateway passes these as text; every other (or a missing) content type arrives base64-encoded.
const TEXT_TYPE = /^(text\/|application\/([\w.+-]+\+)?(json|xml|javascript|x-www-form-urlencoded)\b)/i

function encodeBody(
  body: Buffer,
  contentType: string | undefined,
): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false }
  const text = contentType !== undefined && TEXT_TYPE.test(contentType) && isUtf8(body)
  return text
    ? { body: body.toString('utf8'), isBase64Encoded: false }
    : { body: body.toString('base64'), isBase64Encoded: true }
}

/** Duplicate headers comma-joined; cookies moved to their own list, as format 2.0 does. */
function splitHeaders(facts: RequestFacts): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {}
  const cookies: string[] = []
  for (const [name, values] of Object.entries(facts.headers)) {
    if (values === undefined) continue
    if (name === 'cookie') cookies.push(...values.flatMap((value) => value.split(';').map((c) => c.trim())))
    else headers[name] = values.join(',')
  }
  headers['x-forwarded-for'] ??= facts.sourceIp
  headers['x-forwarded-port'] ??= String(facts.localPort)
  headers['x-forwarded-proto'] ??= 'http'
  const epoch = Math.floor(facts.now.getTime() / 1000).toString(16)
  headers['x-amzn-trace-id'] ??= `Root=1-${epoch}-${randomBytes(12).toString('hex')}`
  return { headers, cookies: cookies.filter((cookie) => cookie !== '') }
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  const params = new URLSearchParams(rawQueryString)
  const keys = [...new Set(params.keys())]
  if (keys.length === 0) return undefined
  return Object.fromEntries(keys.map((key) => [key, params.getAll(key).join(',')]))
}

/** Builds the payload format 2.0 event for a request that matched `route`. */
export function buildHttpApiEvent(
  facts: RequestFacts,
  route: RouteMatch,
  authorizer?: AuthorizerContext,
): HttpApiEvent {
  const queryAt = facts.target.indexOf('?')
  const rawPath = queryAt === -1 ? facts.target : facts.target.slice(0, queryAt)
  const rawQueryString = queryAt === -1 ? '' : facts.target.slice(queryAt + 1)
  const { headers, cookies } = splitHeaders(facts)
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '')
  const queryStringParameters = queryParameters(rawQueryString)
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(queryStringParameters !== undefined && { queryStringParameters }),
    ...(route.pathParameters !== undefined && { pathParameters: route.pathParameters }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      ...(authorizer !== undefined && { authorizer }),
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: facts.method,
        path: rawPath,
        protocol: `HTTP/${facts.httpVersion}`,
        sourceIp: facts.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: facts.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: requestTime(facts.now),
      timeEpoch: facts.now.getTime(),
    },
    ...encodeBody(facts.body, headers['content-type']),
  }
}
