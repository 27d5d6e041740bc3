/**
 * The studio's JSON API, one line per route: reads through the SDK clients, the HTTP API and the
 * trace; actions through the redrive and replay functions. Bodies and answers are JSON; a client's
 * mistake is a 4xx problem naming the field, a function's rejection its own message.
 */
import { deadLetters } from './dead-letters.ts'
import { StudioRequestError } from './errors.ts'
import { flowSnapshot } from './flow.ts'
import { type Invocation, invokeFunction } from './functions.ts'
import { recentEvents, streamsOf } from './recent-events.ts'
import {
  cancelReplay,
  listReplayJobs,
  previewReplay,
  replayStatus,
  resumeReplay,
  startReplay,
} from './replay.ts'
import { eventSchemas } from './schemas.ts'
import type { StudioSources } from './sources.ts'
import { readStream, streamState } from './streams.ts'

/** What a route answers: a status and a JSON body. */
export interface ApiAnswer {
  status: number
  body: unknown
}

export interface ApiRequest {
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
}

type Handler = (s: StudioSources, req: ApiRequest, log: (line: string) => void) => Promise<ApiAnswer>

const ok = (body: unknown): ApiAnswer => ({ status: 200, body })

/** A function's answer: its result, or its error as a 4xx when it rejected the request. */
function answer(outcome: Invocation): ApiAnswer {
  if (outcome.ok) return ok(outcome.result)
  const rejected = /RequestError|NotFoundError|ValidationError/.test(outcome.errorType)
  const status = outcome.errorType.includes('NotFound') ? 404 : rejected ? 422 : 502
  return { status, body: { title: outcome.errorType, detail: outcome.errorMessage } }
}

function objectBody(body: unknown, field = 'body'): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new StudioRequestError(400, field, 'must be a JSON object')
  }
  return body as Record<string, unknown>
}

function consumerParam(s: StudioSources, req: ApiRequest): string {
  const consumer = req.params.consumer ?? ''
  if (!(consumer in s.resources.consumerQueues)) {
    throw new StudioRequestError(404, 'consumer', `unknown consumer "${consumer}"`)
  }
  return consumer
}

const RECENT_LIMIT = 100

export const routes: ReadonlyArray<{ method: 'GET' | 'POST'; path: string; handler: Handler }> = [
  { method: 'GET', path: '/api/flow', handler: async (s) => ok(await flowSnapshot(s)) },
  {
    method: 'GET',
    path: '/api/recent',
    handler: async (s) => {
      const events = await recentEvents(s, RECENT_LIMIT)
      return ok({ events, streams: streamsOf(events) })
    },
  },
  {
    method: 'GET',
    path: '/api/streams/:streamId/events',
    handler: async (s, req) => ok(await readStream(s, req)),
  },
  {
    method: 'GET',
    path: '/api/streams/:streamId/state',
    handler: async (s, req) => ok(await streamState(s, req)),
  },
  {
    method: 'GET',
    path: '/api/trace/:eventId',
    handler: async (s, req) => {
      if (s.recorder === undefined)
        throw new StudioRequestError(404, 'eventId', 'tracing runs in the local runtime only')
      const trace = s.recorder.trace(req.params.eventId ?? '')
      if (trace === undefined) {
        throw new StudioRequestError(
          404,
          'eventId',
          `no event "${req.params.eventId}" seen since the stack started (or it was forgotten)`,
        )
      }
      return ok(trace)
    },
  },
  { method: 'GET', path: '/api/dead-letters', handler: async (s) => ok(await deadLetters(s)) },
  {
    method: 'POST',
    path: '/api/dead-letters/:consumer/redrive',
    handler: async (s, req) =>
      answer(await invokeFunction(s, s.functions.redrive, { consumer: consumerParam(s, req) })),
  },
  { method: 'GET', path: '/api/replay/jobs', handler: async (s) => ok(await listReplayJobs(s)) },
  {
    method: 'GET',
    path: '/api/replay/jobs/:jobId',
    handler: async (s, req) => answer(await replayStatus(s, req.params.jobId ?? '')),
  },
  {
    method: 'POST',
    path: '/api/replay/preview',
    handler: async (s, req) => answer(await previewReplay(s, objectBody(req.body))),
  },
  {
    method: 'POST',
    path: '/api/replay/jobs',
    handler: async (s, req, log) => answer(await startReplay(s, objectBody(req.body), log)),
  },
  {
    method: 'POST',
    path: '/api/replay/jobs/:jobId/cancel',
    handler: async (s, req) => answer(await cancelReplay(s, req.params.jobId ?? '')),
  },
  {
    method: 'POST',
    path: '/api/replay/jobs/:jobId/resume',
    handler: async (s, req, log) => answer(await resumeReplay(s, req.params.jobId ?? '', log)),
  },
  { method: 'GET', path: '/api/schemas', handler: async (s) => ok(await eventSchemas(s.contractsDir)) },
]

/** The route matching `method` and `pathname`, with its parameters, or undefined. */
export function matchRoute(method: string, pathname: string) {
  for (const route of routes) {
    if (route.method !== method) continue
    const want = route.path.split('/')
    const got = pathname.split('/')
    if (want.length !== got.length) continue
    const params: Record<string, string> = {}
    const matched = want.every((part, i) => {
      const value = got[i] ?? ''
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(value)
        return value !== ''
      }
      return part === value
    })
    if (matched) return { route, params }
  }
  return undefined
}
