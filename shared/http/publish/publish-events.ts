import type { Metrics } from '@aws-lambda-powertools/metrics'
import { recordEventsPublished } from '../../observability/metrics.ts'
import type { AppendResult, EventStore, NewEvent } from '../../store/event-store.ts'
import type { HttpHandler } from '../http-stack.ts'
import { jsonResponse } from '../response.ts'
import type { HttpResult } from '../types.ts'
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './idempotency-key.ts'
import type { PublishBody } from './publish-request.ts'

/** What the publish handler needs. */
export interface PublishDeps {
  store: EventStore
  metrics: Metrics
}

const created = (result: AppendResult): HttpResult => {
  const { streamId, events } = result
  const first = events[0]?.version ?? 1
  const location = `/streams/${encodeURIComponent(streamId)}/events?fromVersion=${first}&limit=${events.length}`
  const body = {
    streamId,
    events: events.map(({ id, version, type, time }) => ({ id, version, type, time })),
  }
  // `Idempotent-Replayed` (as Stripe and others send it) tells a client its retry was answered from the record.
  const replayed: Record<string, string> = result.idempotentReplay ? { 'idempotent-replayed': 'true' } : {}
  return jsonResponse(201, body, { location, ...replayed })
}

/**
 * `POST /streams/{streamId}/events`: appends the events atomically and answers 201 once they are
 * durable. Runs behind {@link httpStack} with `publishBodySchema` and `streamIdPath`; the store
 * raises the typed errors (conflict, idempotency reuse, sizes, data schema) that the stack maps.
 */
export const publishEvents =
  (deps: PublishDeps): HttpHandler =>
  async (event, context) => {
    const { streamId } = event.pathParameters as { streamId: string }
    const body = event.body as PublishBody
    const idempotencyKey = parseIdempotencyKey(event.headers?.[IDEMPOTENCY_KEY_HEADER])
    // The events as the client sent them: the store fingerprints them for the idempotency key, and
    // adds the request's correlation and trace context to their metadata itself.
    const events: NewEvent[] = body.events
    const result = await deps.store.append(streamId, events, {
      ...(body.expectedVersion === undefined ? {} : { expectedVersion: body.expectedVersion }),
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      ...(context.correlation === undefined ? {} : { correlation: context.correlation }),
    })
    if (!result.idempotentReplay) recordEventsPublished(deps.metrics, result.events.length)
    return created(result)
  }
