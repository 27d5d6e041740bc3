/**
 * A typed client for the backbone's HTTP API, for Node services that publish events. Typed by the
 * deployment's event map, so an unknown type or wrong data does not compile:
 *
 * @example
 * const client = createBackboneClient<DomainEvents>({ url, auth: { sigv4: { region: 'eu-west-1' } } })
 * await client.publish('order-42', [{ type: 'OrderPaid', data: { orderId: '42', amount: 5, currency: 'EUR' } }])
 *
 * Each publish carries an Idempotency-Key (made per call unless given) and is retried with the same
 * key on network errors, 429 and 5xx with jittered backoff, never on a 4xx; problem details become
 * typed errors (`errors.ts`).
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EventMap } from '../events/event-map.ts'
import { BackboneUnreachableError, errorOf, type Problem } from './errors.ts'
import { backoffMs, isRetryable } from './retry.ts'
import { authenticator, type ClientAuth } from './signer.ts'

export type { ClientAuth } from './signer.ts'

/** One event to publish, typed by the map: `type` picks the `data` it must carry. */
export type PublishEvent<M extends EventMap> = {
  [T in keyof M & string]: { type: T; data: M[T]; id?: string; metadata?: Record<string, string> }
}[keyof M & string]

export interface PublishOptions {
  /** The stream's current version (0 = must be empty); a 409 becomes StreamVersionConflictError. */
  expectedVersion?: number
  /** Default: a new UUID per call, reused on every retry of that call. */
  idempotencyKey?: string
  correlationId?: string
}

export interface PublishResult {
  streamId: string
  events: Array<{ id: string; version: number; type: string; time: string }>
  /** True when the API answered a retry from the first response. */
  replayed: boolean
}

export interface StoredEvent<M extends EventMap> {
  id: string
  version: number
  type: keyof M & string
  schemaVersion: number
  time: string
  data: M[keyof M & string]
  metadata: Record<string, string>
}

export interface EventPage<M extends EventMap> {
  streamId: string
  events: StoredEvent<M>[]
  nextVersion?: number
}

export interface BackboneClientOptions {
  /** The API's base URL (the stack's `ApiUrl` output, or `http://127.0.0.1:3000` locally). */
  url: string
  /** SigV4 or a bearer token; none for the local stack's default. */
  auth?: ClientAuth
  /** Attempts per call, the first included; default 4. */
  attempts?: number
  /** Backoff base in ms; default 100. */
  backoffBaseMs?: number
}

export interface BackboneClient<M extends EventMap> {
  publish(
    streamId: string,
    events: ReadonlyArray<PublishEvent<M>>,
    options?: PublishOptions,
  ): Promise<PublishResult>
  read(streamId: string, options?: { fromVersion?: number; limit?: number }): Promise<EventPage<M>>
  state<S = unknown>(
    streamId: string,
    options?: { atVersion?: number },
  ): Promise<{ streamId: string; version: number; state: S }>
}

/** Creates a client; nothing is sent until a method is called. */
export function createBackboneClient<M extends EventMap>(options: BackboneClientOptions): BackboneClient<M> {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`)
  const authenticate = authenticator(options.auth)
  const attempts = Math.max(1, options.attempts ?? 4)
  const baseMs = options.backoffBaseMs ?? 100

  async function send(method: string, path: string, headers: Record<string, string>, body?: string) {
    const url = new URL(path.replace(/^\//, ''), base)
    let lastProblem: Problem | undefined
    let lastError: unknown
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(backoffMs(attempt, baseMs))
      try {
        const signed = await authenticate({ method, url, headers, ...(body === undefined ? {} : { body }) })
        const response = await fetch(url, {
          method,
          headers: signed,
          ...(body === undefined ? {} : { body }),
        })
        if (response.ok) return response
        const problem = await problemOf(response)
        if (!isRetryable(response.status)) throw errorOf(problem)
        lastProblem = problem
      } catch (error) {
        if (!(error instanceof TypeError)) throw error
        lastError = error // fetch's network failure; the request may or may not have arrived
      }
    }
    if (lastProblem) throw errorOf(lastProblem)
    throw new BackboneUnreachableError(url.origin, attempts, { cause: lastError })
  }

  const streamPath = (streamId: string) => `streams/${encodeURIComponent(streamId)}`
  return {
    async publish(streamId, events, opts = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': opts.idempotencyKey ?? randomUUID(),
        ...(opts.correlationId ? { 'x-correlation-id': opts.correlationId } : {}),
      }
      const body = JSON.stringify({
        events,
        ...(opts.expectedVersion === undefined ? {} : { expectedVersion: opts.expectedVersion }),
      })
      const response = await send('POST', `${streamPath(streamId)}/events`, headers, body)
      const result = (await response.json()) as Omit<PublishResult, 'replayed'>
      return { ...result, replayed: response.headers.get('idempotent-replayed') === 'true' }
    },
    async read(streamId, opts = {}) {
      const query = new URLSearchParams()
      if (opts.fromVersion !== undefined) query.set('fromVersion', String(opts.fromVersion))
      if (opts.limit !== undefined) query.set('limit', String(opts.limit))
      const suffix = query.size > 0 ? `?${query}` : ''
      return (await send('GET', `${streamPath(streamId)}/events${suffix}`, {})).json() as Promise<
        EventPage<M>
      >
    },
    async state<S>(streamId: string, opts: { atVersion?: number } = {}) {
      const suffix = opts.atVersion === undefined ? '' : `?atVersion=${opts.atVersion}`
      const response = await send('GET', `${streamPath(streamId)}${suffix}`, {})
      return (await response.json()) as { streamId: string; version: number; state: S }
    },
  }
}

/** The problem details of a failed response; API Gateway's own `{ message }` answers become one too. */
async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text()
  let body: Partial<Problem> & { message?: string } = {}
  try {
    body = JSON.parse(text)
  } catch {
    // Not JSON (a proxy's page): keep the status and the text.
  }
  return {
    type: body.type ?? 'about:blank',
    title: body.title ?? response.statusText,
    status: response.status,
    detail: body.detail ?? body.message ?? text.slice(0, 200),
    ...body,
  } as Problem
}
