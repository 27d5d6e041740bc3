/**
 * The local stand-in for an API Gateway HTTP API with Lambda proxy integrations (payload format 2.0):
 * routes requests to functions through an {@link Invoke}, and answers with API Gateway's own status
 * codes and bodies for what it rejects itself (404, 401, 413, 500).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Invoke } from '../lambda/types.ts'
import { noAuthorizer, type RequestAuthorizer } from './authorizers/index.ts'
import { IntegrationFailedError, MalformedResponseError } from './errors.ts'
import { buildHttpApiEvent, newRequestId, type RequestFacts } from './event.ts'
import { fromFunctionResult, gatewayError, type HttpResponse } from './response.ts'
import { createRouter, type RouteDefinition } from './routes.ts'
import { listen, type RunningServer, readBody } from './server.ts'

export {
  HttpApiError,
  IntegrationFailedError,
  InvalidRouteKeyError,
  MalformedResponseError,
} from './errors.ts'
export type { RouteDefinition } from './routes.ts'
export type { RunningServer } from './server.ts'

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024

export interface HttpApiOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0 (any free port). */
  port?: number
  routes: RouteDefinition[]
  invoke: Invoke
  /** Runs before every function (`authorizers/`); default none, as the local stack runs by default. */
  authorizer?: RequestAuthorizer
  /** Where failures behind a 500 are explained; default console.error. */
  log?: (line: string) => void
}

function send(res: ServerResponse, response: HttpResponse, requestId: string): void {
  const headers: Record<string, string | string[]> = { ...response.headers, 'apigw-requestid': requestId }
  // Node computes these from the body; a function's own values could contradict it.
  delete headers['content-length']
  delete headers['transfer-encoding']
  if (response.cookies.length > 0) headers['set-cookie'] = response.cookies
  res.writeHead(response.statusCode, headers).end(response.body)
}

type Router = ReturnType<typeof createRouter>

async function answer(
  req: IncomingMessage,
  options: HttpApiOptions,
  route: Router,
  requestId: string,
): Promise<HttpResponse> {
  const read = await readBody(req, MAX_REQUEST_BYTES)
  if (!read.ok) return gatewayError(413)
  const target = req.url ?? '/'
  const queryAt = target.indexOf('?')
  const match = route(req.method ?? 'GET', queryAt === -1 ? target : target.slice(0, queryAt))
  if (match === undefined) return gatewayError(404)
  const authorize = options.authorizer ?? noAuthorizer
  const verdict = await authorize({
    method: req.method ?? 'GET',
    target,
    headers: req.headers,
    body: read.body,
  })
  if (!verdict.ok) return gatewayError(verdict.statusCode, verdict.message)
  const event = buildHttpApiEvent(requestFacts(req, read.body, requestId), match, verdict.context)
  const outcome = await options.invoke(match.functionName, event)
  if (!outcome.ok) throw new IntegrationFailedError(match.functionName, JSON.stringify(outcome.error))
  const mapped = fromFunctionResult(outcome.result)
  if (!mapped.ok) throw new MalformedResponseError(match.functionName, mapped.problem)
  return mapped.response
}

function requestFacts(req: IncomingMessage, body: Buffer, requestId: string): RequestFacts {
  return {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    headers: req.headersDistinct,
    httpVersion: req.httpVersion,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    localPort: req.socket.localPort ?? 0,
    body,
    requestId,
    now: new Date(),
  }
}

/**
 * Starts the HTTP API. Throws InvalidRouteKeyError for a route key API Gateway would refuse.
 * @example
 * const api = await startHttpApi({ port: 3000, routes: [{ routeKey: 'POST /streams/{streamId}/events', functionName: 'publish' }], invoke: host.invoke })
 */
export async function startHttpApi(options: HttpApiOptions): Promise<RunningServer> {
  const route = createRouter(options.routes)
  const log = options.log ?? ((line: string) => console.error(line))
  const server = createServer((req, res) => {
    const requestId = newRequestId()
    answer(req, options, route, requestId)
      .catch((error: unknown) => {
        log(
          `[http-api] ${req.method} ${req.url} → 500: ${error instanceof Error ? error.message : String(error)}`,
        )
        return gatewayError(500)
      })
      .then((response) => send(res, response, requestId))
      .catch((error: unknown) => {
        log(`[http-api] could not answer ${req.method} ${req.url}: ${String(error)}`)
        if (!res.headersSent) res.writeHead(500).end()
        else res.destroy()
      })
  })
  return listen(server, options.host ?? '127.0.0.1', options.port ?? 0)
}
