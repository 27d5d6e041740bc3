/**
 * Warm overhead of the publish middleware (the HTTP stack: header normalisation, correlation,
 * security headers, metrics, problem details, body size, JSON body, request schema) against a bare
 * handler that parses the body, appends and answers 201. Both append to the same in-memory store,
 * which validates the event data, so the difference is what the middleware adds per request.
 */
import type { Context } from 'aws-lambda'
import { registry } from '../../functions/domain.ts'
import { createPublishHandler } from '../../shared/http/publish/publish-handler.ts'
import type { HttpEvent } from '../../shared/http/types.ts'
import { createLogger } from '../../shared/observability/logger.ts'
import { createMetrics } from '../../shared/observability/metrics.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { InMemoryEventStorage } from '../../shared/store/in-memory/in-memory-event-storage.ts'
import { lambdaContext, publishRequest } from '../lib/aws-events.ts'
import { type Figure, figure, valueBelow } from '../lib/figure.ts'
import { orderLife } from '../lib/order-events.ts'
import { timePaired } from '../lib/timing.ts'

const REQUESTS_PER_ROUND = 200

function requests(count: number): HttpEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const orderId = `bench-${i}-${Math.random().toString(36).slice(2)}`
    const placed = orderLife(orderId)[0]
    return publishRequest(`order-${orderId}`, { events: [placed] })
  })
}

function bareHandler(store: EventStore) {
  return async (event: HttpEvent, _context: Context) => {
    const body = JSON.parse(event.body as string) as { events: { type: string; data: unknown }[] }
    const streamId = (event.pathParameters as { streamId: string }).streamId
    const result = await store.append(streamId, body.events)
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        streamId,
        events: result.events.map(({ id, version, type, time }) => ({ id, version, type, time })),
      }),
    }
  }
}

/** Publish middleware vs bare handler, µs per request. Target: adds under 100 µs. */
export async function publishOverhead(rounds: number): Promise<Figure> {
  const store = new EventStore({ storage: new InMemoryEventStorage(), registry })
  const full = createPublishHandler({
    store,
    registry,
    logger: createLogger({ serviceName: 'bench-publish' }),
    metrics: createMetrics({ namespace: 'EventBackbone', serviceName: 'bench-publish' }),
  })
  const bare = bareHandler(store)
  // Requests made before timing; each pool reuses its streams, which grow by one event per round.
  const run = (handler: (e: HttpEvent, c: Context) => Promise<{ statusCode?: number }>) => {
    const pool = requests(REQUESTS_PER_ROUND)
    return async (n: number) => {
      for (let i = 0; i < n; i++) {
        // middy replaces `body` and `pathParameters` on the event it is given: each call gets its own copy.
        const event = pool[i % pool.length] as HttpEvent
        const response = await handler(
          { ...event, headers: { ...event.headers } },
          lambdaContext('bench-publish'),
        )
        if (response.statusCode !== 201) throw new Error(`publish answered ${response.statusCode}`)
      }
    }
  }
  const result = await timePaired(run(full), run(bare), {
    unitsPerRound: REQUESTS_PER_ROUND,
    rounds,
    warmupRounds: 3,
  })
  const addedUs = (result.subjectMs - result.baselineMs) * 1000
  return figure({
    section: '2 warm overhead',
    name: 'publish middleware added per request',
    value: addedUs,
    baseline: result.baselineMs * 1000,
    unit: 'µs',
    baselineLabel: 'bare handler (parse, append, 201)',
    target: valueBelow(100, 'µs'),
    note: `full stack ${(result.subjectMs * 1000).toFixed(1)} µs; median of ${rounds} rounds of ${REQUESTS_PER_ROUND}`,
  })
}
