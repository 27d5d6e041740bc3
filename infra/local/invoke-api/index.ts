/**
 * The local stand-in for the Lambda Invoke API, so `LambdaClient`/`InvokeCommand` and
 * `aws lambda invoke --endpoint-url` reach local functions, plus `GET /_local/status` for the
 * runtime's own status. Requests are not authenticated: any credentials are accepted.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { LOCAL_REGION } from '../clients.ts'
import { listen, type RunningServer } from '../http-api/server.ts'
import type { LambdaHost } from '../lambda/host.ts'
import { InvokeApiError, ServiceError, UnknownOperationError } from './errors.ts'
import { type InvokeReply, invoke } from './invoke.ts'

export type { RunningServer } from '../http-api/server.ts'
export { InvokeApiError } from './errors.ts'

export interface InvokeApiOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0 (any free port). */
  port?: number
  lambda: LambdaHost
  /** Region used in ARNs of error messages; default us-east-1 (use the host's). */
  region?: string
  /** Produces the JSON of `GET /_local/status`. */
  status: () => Promise<unknown>
  /** Where failures behind a 500 are explained; default console.error. */
  log?: (line: string) => void
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/

/** AWS's JSON error shape: the code in `x-amzn-ErrorType`, `{ Type, message }` in the body. */
function errorReply(error: InvokeApiError): InvokeReply {
  return {
    statusCode: error.statusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': error.awsType },
    body: JSON.stringify({ Type: error.fault, message: error.message }),
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

async function route(req: IncomingMessage, options: InvokeApiOptions): Promise<InvokeReply> {
  const url = new URL(req.url ?? '/', 'http://local')
  const match = INVOKE_PATH.exec(url.pathname)
  if (req.method === 'POST' && match !== null) {
    const lambda = options.lambda
    return invoke(req, safeDecode(match[1] as string), url.searchParams, {
      lambda,
      region: options.region ?? LOCAL_REGION,
    })
  }
  if (req.method === 'GET' && url.pathname === '/_local/status') {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await options.status()),
    }
  }
  throw new UnknownOperationError(req.method ?? '?', url.pathname)
}

function send(res: ServerResponse, reply: InvokeReply): void {
  res.writeHead(reply.statusCode, { ...reply.headers, 'x-amzn-RequestId': randomUUID() }).end(reply.body)
}

/**
 * Starts the Invoke API.
 * @example
 * const api = await startInvokeApi({ port: 3001, lambda: host, status: async () => ({ functions: host.stats() }) })
 * // aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name replay out.json
 */
export async function startInvokeApi(options: InvokeApiOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.error(line))
  const server = createServer((req, res) => {
    route(req, options)
      .catch((error: unknown) => {
        if (error instanceof InvokeApiError) return errorReply(error)
        log(
          `[invoke-api] ${req.method} ${req.url} → 500: ${error instanceof Error ? error.stack : String(error)}`,
        )
        return errorReply(new ServiceError('The local runtime failed to answer', error))
      })
      .then((reply) => {
        // Drain what the request still has (an early error) so the client reads the answer.
        req.resume()
        send(res, reply)
      })
      .catch(() => res.destroy())
  })
  return listen(server, options.host ?? '127.0.0.1', options.port ?? 0)
}
