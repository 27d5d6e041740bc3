/**
 * Maps a function's result to the HTTP response the way API Gateway does for payload format 2.0:
 * an object with `statusCode` is a full response; any other value is the JSON body of a 200.
 */

/** A response ready to be written. */
export interface HttpResponse {
  statusCode: number
  headers: Record<string, string>
  cookies: string[]
  body: Buffer
}

/** API Gateway's own error answers, with its exact bodies. */
export function gatewayError(statusCode: 401 | 403 | 404 | 413 | 500, message?: string): HttpResponse {
  const messages = {
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    413: 'Request Entity Too Large',
    500: 'Internal Server Error',
  }
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message: message ?? messages[statusCode] })),
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

type Mapping = { ok: true; response: HttpResponse } | { ok: false; problem: string }

function fullResponse(result: Record<string, unknown>): Mapping {
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded } = result
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return { ok: false, problem: `statusCode ${JSON.stringify(statusCode)} is not an HTTP status` }
  }
  if (!isRecord(headers)) return { ok: false, problem: 'headers must be an object' }
  if (!Array.isArray(cookies)) return { ok: false, problem: 'cookies must be an array of strings' }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    // API Gateway answers 500 here too: a body object must be JSON.stringify'd by the function.
    return { ok: false, problem: 'body must be a string' }
  }
  const text = body ?? ''
  return {
    ok: true,
    response: {
      statusCode,
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
      ),
      cookies: cookies.map(String),
      body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
    },
  }
}

/**
 * The response for a successful invocation, or why API Gateway would answer 500 instead
 * (the caller logs the problem: on AWS it would only show in the API's logs).
 */
export function fromFunctionResult(result: unknown): Mapping {
  if (isRecord(result) && 'statusCode' in result) return fullResponse(result)
  // No statusCode: API Gateway assumes 200 and sends the result as JSON (a string as it is).
  const body = typeof result === 'string' ? result : JSON.stringify(result)
  return {
    ok: true,
    response: {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(body),
    },
  }
}
