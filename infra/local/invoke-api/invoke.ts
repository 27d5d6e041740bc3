/**
 * The Invoke operation (`POST /2015-03-31/functions/{FunctionName}/invocations`) against the local
 * Lambda host, with Lambda's status codes, headers and limits
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
 */
import type { IncomingMessage } from 'node:http'
import { readBody } from '../http-api/server.ts'
import { functionArn, parseFunctionReference } from '../lambda/arn.ts'
import type { LambdaHost } from '../lambda/host.ts'
import {
  InvalidRequestContentError,
  RequestTooLargeError,
  ResourceNotFoundError,
  ServiceError,
  ValidationError,
} from './errors.ts'

/** Lambda's payload limits: 6 MB for a synchronous invocation, 1 MB for an asynchronous one. */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const
type InvocationType = (typeof INVOCATION_TYPES)[number]

/** What to send back; the caller adds the request id. */
export interface InvokeReply {
  statusCode: number
  headers: Record<string, string>
  body: string
}

function invocationType(header: string | string[] | undefined): InvocationType {
  const value = (Array.isArray(header) ? header[0] : header) ?? 'RequestResponse'
  const known = INVOCATION_TYPES.find((type) => type === value)
  if (known === undefined) {
    throw new ValidationError(
      'invocationType',
      value,
      `Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
    )
  }
  return known
}

/** Resolves a name, partial ARN or ARN to a registered function; only `$LATEST` exists locally. */
function functionName(raw: string, query: URLSearchParams, lambda: LambdaHost, region: string): string {
  const reference = parseFunctionReference(raw)
  if (reference === undefined) {
    throw new ValidationError(
      'functionName',
      raw,
      'Member must satisfy regular expression pattern of a function name or ARN',
    )
  }
  const qualifier = reference.qualifier ?? query.get('Qualifier') ?? undefined
  const arn = functionArn(region, reference.name)
  if (qualifier !== undefined && qualifier !== '$LATEST')
    throw new ResourceNotFoundError(`${arn}:${qualifier}`)
  if (!lambda.has(reference.name)) throw new ResourceNotFoundError(arn)
  return reference.name
}

function parsePayload(body: Buffer): unknown {
  // An empty payload reaches the handler as an empty object, as `aws lambda invoke` without --payload does.
  if (body.length === 0) return {}
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new InvalidRequestContentError(error)
  }
}

/** Runs one Invoke request. Throws an InvokeApiError for anything Lambda answers with an error. */
export async function invoke(
  req: IncomingMessage,
  rawName: string,
  query: URLSearchParams,
  options: { lambda: LambdaHost; region: string },
): Promise<InvokeReply> {
  const { lambda, region } = options
  const name = functionName(rawName, query, lambda, region)
  const type = invocationType(req.headers['x-amz-invocation-type'])
  const limit = type === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES
  const read = await readBody(req, limit)
  if (!read.ok) throw new RequestTooLargeError(limit)
  const event = parsePayload(read.body)
  const headers = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' }
  if (type === 'DryRun') return { statusCode: 204, headers, body: '' }
  if (type === 'Event') {
    lambda.invokeAsync(name, event)
    return { statusCode: 202, headers, body: '' }
  }
  const outcome = await lambda.invoke(name, event).catch((error: unknown) => {
    throw new ServiceError(`The local Lambda host could not run ${name}`, error)
  })
  if (outcome.ok) return { statusCode: 200, headers, body: JSON.stringify(outcome.result) }
  return {
    statusCode: 200,
    headers: { ...headers, 'x-amz-function-error': 'Unhandled' },
    body: JSON.stringify(outcome.error),
  }
}
