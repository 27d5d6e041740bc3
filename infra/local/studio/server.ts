/**
 * Event Studio's HTTP server: the page, its assets and the JSON API, on loopback only. Every answer
 * carries the security headers; mutating requests pass the origin and token check first.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { matchRoute } from './api.ts'
import { studioBundle } from './bundle.ts'
import { StudioRequestError } from './errors.ts'
import { studioPage } from './page.ts'
import { RequestGuard, securityHeaders } from './security.ts'
import type { StudioSources } from './sources.ts'

/** Largest request body: a replay request with 1,000 stream ids fits well within it. */
const MAX_BODY_BYTES = 256 * 1024

export interface StudioOptions {
  port: number
  sources: StudioSources
  log?: (line: string) => void
}

export interface Studio {
  url: string
  /** The per-start token mutating requests must carry (tests use it to prove the check). */
  token: string
  stop(): Promise<void>
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  response.end(body)
}

const problem = (response: ServerResponse, status: number, title: string, detail: string) =>
  send(response, status, 'application/problem+json', JSON.stringify({ status, title, detail }))

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES)
      throw new StudioRequestError(413, 'body', `must be at most ${MAX_BODY_BYTES} bytes`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return undefined
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new StudioRequestError(415, 'content-type', 'must be application/json')
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new StudioRequestError(400, 'body', 'is not valid JSON')
  }
}

async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL, opts: StudioOptions) {
  const found = matchRoute(request.method ?? 'GET', url.pathname)
  if (found === undefined)
    return problem(response, 404, 'Not Found', `no route ${request.method} ${url.pathname}`)
  const body = request.method === 'POST' ? await readJson(request) : undefined
  const log = opts.log ?? ((line: string) => console.error(line))
  const answer = await found.route.handler(
    opts.sources,
    { params: found.params, query: url.searchParams, body },
    log,
  )
  send(
    response,
    answer.status,
    answer.status < 400 ? 'application/json' : 'application/problem+json',
    JSON.stringify(answer.body),
  )
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  guard: RequestGuard,
  opts: StudioOptions,
) {
  securityHeaders(response)
  const refusal = guard.refusal(request)
  if (refusal) return problem(response, 403, 'Forbidden', refusal)
  const url = new URL(request.url ?? '/', 'http://studio')
  if (url.pathname.startsWith('/api/')) return serveApi(request, response, url, opts)
  if (request.method !== 'GET')
    return problem(response, 405, 'Method Not Allowed', `${request.method} ${url.pathname}`)
  if (url.pathname === '/assets/app.js')
    return send(response, 200, 'text/javascript; charset=utf-8', (await studioBundle()).js)
  if (url.pathname === '/assets/app.css')
    return send(response, 200, 'text/css; charset=utf-8', (await studioBundle()).css)
  if (url.pathname === '/') return send(response, 200, 'text/html; charset=utf-8', studioPage(guard.token))
  return problem(response, 404, 'Not Found', `no page ${url.pathname}`)
}

/** Starts the studio on 127.0.0.1:`port` (0 = any free port). */
export async function startStudio(opts: StudioOptions): Promise<Studio> {
  let port = opts.port
  const guard = new RequestGuard(() => port)
  const log = opts.log ?? ((line: string) => console.error(line))
  const server = createServer((request, response) => {
    serve(request, response, guard, opts).catch((error: unknown) => {
      if (error instanceof StudioRequestError)
        return problem(response, error.status, 'Bad Request', error.message)
      log(
        `[studio] ${request.method} ${request.url} failed: ${error instanceof Error ? error.stack : String(error)}`,
      )
      if (!response.headersSent)
        problem(response, 502, 'Bad Gateway', 'the studio could not reach the backbone; see the runtime log')
      else response.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', resolve)
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    token: guard.token,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
