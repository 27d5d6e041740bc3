/**
 * A stream's events and its folded state at a version, through the HTTP API's typed client: the
 * studio reads what a user reads, with the same validation and authorisation.
 */
import { ProblemError } from '../../../shared/client/errors.ts'
import { toCloudEvent } from '../../../shared/events/envelope.ts'
import type { ApiRequest } from './api.ts'
import { StudioRequestError } from './errors.ts'
import type { StudioSources } from './sources.ts'

function positiveInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0)
    throw new StudioRequestError(400, name, 'must be a whole number ≥ 0')
  return value
}

/** The API's own problem, passed on with its status (404 unknown stream, 400 bad parameter). */
async function viaApi<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) {
      throw new StudioRequestError(error.status, 'streamId', error.problem.detail ?? error.message)
    }
    throw error
  }
}

/** A page of the stream, each event with its envelope as the relay publishes it. */
export async function readStream(s: StudioSources, req: ApiRequest) {
  const streamId = req.params.streamId ?? ''
  const fromVersion = positiveInt(req.query, 'fromVersion')
  const page = await viaApi(() =>
    s.api.read(streamId, { limit: 100, ...(fromVersion === undefined ? {} : { fromVersion }) }),
  )
  const source = { source: s.eventSource }
  return {
    ...page,
    events: page.events.map((e) => ({ ...e, envelope: toCloudEvent({ ...e, streamId }, source) })),
  }
}

export function streamState(s: StudioSources, req: ApiRequest) {
  const streamId = req.params.streamId ?? ''
  const atVersion = positiveInt(req.query, 'atVersion')
  return viaApi(() => s.api.state(streamId, atVersion === undefined ? {} : { atVersion }))
}
