import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { Logger } from '@aws-lambda-powertools/logger'
import { Metrics } from '@aws-lambda-powertools/metrics'
import { registry } from '../../functions/domain.ts'
import { createPublishHandler } from '../../shared/http/publish/publish-handler.ts'
import type { EventStorage } from '../../shared/store/event-storage.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { InMemoryEventStorage } from '../../shared/store/in-memory/in-memory-event-storage.ts'
import { bodyOf, headerOf, lambdaContext, postJson } from '../helpers/http-events.ts'

const placed = (orderId = 'o-1') => ({
  type: 'OrderPlaced',
  data: {
    orderId,
    customerId: 'c-1',
    items: [{ sku: 'sku-1', quantity: 2, unitPrice: 9.5 }],
    currency: 'EUR',
  },
})

const setup = (storage: EventStorage = new InMemoryEventStorage()) => {
  const store = new EventStore({ storage, registry })
  const handler = createPublishHandler({
    store,
    registry,
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'test', serviceName: 'publish' }),
  })
  const publish = (streamId: string, body: unknown, opts: Parameters<typeof postJson>[2] = {}) =>
    handler(
      postJson(`/streams/${streamId}/events`, body, {
        routeKey: 'POST /streams/{streamId}/events',
        pathParameters: { streamId },
        ...opts,
      }),
      lambdaContext(),
    )
  return { store, publish }
}

const problemOf = (result: Awaited<ReturnType<ReturnType<typeof setup>['publish']>>) => {
  assert.equal(headerOf(result, 'content-type'), 'application/problem+json')
  return bodyOf(result) as { status: number; type: string; detail: string; errors?: { path: string }[] }
}

// Keeps EMF lines out of the test output; metrics are asserted in http-middleware.test.ts.
process.env.POWERTOOLS_METRICS_DISABLED = 'true'

describe('publish handler', () => {
  it('appends the events and answers 201 with their versions and a Location', async () => {
    const { publish, store } = setup()
    const result = await publish('order-1', { events: [placed(), placed()] })
    assert.equal(result.statusCode, 201)
    const body = bodyOf(result) as {
      streamId: string
      events: { version: number; type: string; id: string }[]
    }
    assert.equal(body.streamId, 'order-1')
    assert.deepEqual(
      body.events.map((e) => e.version),
      [1, 2],
    )
    assert.equal(headerOf(result, 'location'), '/streams/order-1/events?fromVersion=1&limit=2')
    assert.equal((await store.readStream('order-1')).events.length, 2)
  })

  it('keeps a client-chosen event id', async () => {
    const { publish } = setup()
    const id = randomUUID()
    const result = await publish('order-1', { events: [{ ...placed(), id }] })
    assert.equal((bodyOf(result).events as { id: string }[])[0]?.id, id)
  })

  it('accepts and stores an event id that is not a UUID (a ULID, a client id)', async () => {
    const { publish, store } = setup()
    const ids = ['01J9ZQ4X8M6V2K7T3N5R0B1C2D', 'billing:invoice-42/line-1']
    const result = await publish('order-1', { events: ids.map((id) => ({ ...placed(), id })) })
    assert.equal(result.statusCode, 201)
    assert.deepEqual(
      (await store.readStream('order-1')).events.map((e) => e.id),
      ids,
    )
  })

  it('answers 422 naming events[0].id for an id of 129 characters or with a space, storing nothing', async () => {
    const { publish, store } = setup()
    for (const id of ['x'.repeat(129), 'has space', 'tab\there', '']) {
      const result = await publish('order-1', { events: [{ ...placed(), id }] })
      assert.equal(result.statusCode, 422, id)
      assert.deepEqual(
        problemOf(result).errors?.map((e) => e.path),
        ['events[0].id'],
      )
    }
    assert.equal((await store.readStream('order-1')).events.length, 0)
  })

  it('stores the correlation id, causation id and trace context in the event metadata', async () => {
    const { publish, store } = setup()
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    const result = await publish(
      'order-1',
      { events: [placed()] },
      { headers: { 'x-correlation-id': 'corr-42', traceparent } },
    )
    assert.equal(headerOf(result, 'x-correlation-id'), 'corr-42')
    const [event] = (await store.readStream('order-1')).events
    assert.equal(event?.metadata.correlationid, 'corr-42')
    assert.equal(event?.metadata.causationid, 'ZhNHJhhLjoEEPiw=')
    assert.match(event?.metadata.traceparent ?? '', /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/)
  })

  it('answers 409 with the expected and actual versions on a version conflict, storing nothing', async () => {
    const { publish, store } = setup()
    await publish('order-1', { events: [placed()] })
    const result = await publish('order-1', { events: [placed()], expectedVersion: 0 })
    assert.equal(result.statusCode, 409)
    const problem = problemOf(result) as unknown as { expectedVersion: number; actualVersion: number }
    assert.equal(problem.expectedVersion, 0)
    assert.equal(problem.actualVersion, 1)
    assert.equal((await store.readStream('order-1')).events.length, 1)
  })

  it('answers a retry with the same Idempotency-Key and body with the first response, appending nothing', async () => {
    const { publish, store } = setup()
    const headers = { 'idempotency-key': '"retry-1"' }
    const first = await publish('order-1', { events: [placed()] }, { headers })
    // Same request, other key order and whitespace: still the same request.
    const data = {
      currency: 'EUR',
      items: [{ sku: 'sku-1', quantity: 2, unitPrice: 9.5 }],
      customerId: 'c-1',
      orderId: 'o-1',
    }
    const retry = await publish(
      'order-1',
      `{ "events": [ { "data": ${JSON.stringify(data)}, "type": "OrderPlaced" } ] }`,
      {
        headers,
      },
    )
    assert.equal(retry.statusCode, 201)
    assert.deepEqual(bodyOf(retry), bodyOf(first))
    assert.equal(headerOf(retry, 'idempotent-replayed'), 'true')
    assert.equal((await store.readStream('order-1')).events.length, 1)
  })

  it('answers a retry with the same Idempotency-Key and body but new correlation and trace headers with the first response', async () => {
    const { publish, store } = setup()
    const trace = (span: string) => `00-4bf92f3577b34da6a3ce929d0e0e4736-${span}-01`
    const first = await publish(
      'order-1',
      { events: [placed()] },
      {
        headers: {
          'idempotency-key': 'k-3',
          'x-correlation-id': 'c-1',
          traceparent: trace('00f067aa0ba902b7'),
        },
      },
    )
    const retry = await publish(
      'order-1',
      { events: [placed()] },
      {
        headers: {
          'idempotency-key': 'k-3',
          'x-correlation-id': 'c-2',
          traceparent: trace('11f067aa0ba902b7'),
        },
      },
    )
    assert.equal(retry.statusCode, 201)
    assert.deepEqual(bodyOf(retry), bodyOf(first))
    assert.equal(headerOf(retry, 'idempotent-replayed'), 'true')
    const stored = (await store.readStream('order-1')).events
    assert.deepEqual(
      stored.map((e) => e.metadata.correlationid),
      ['c-1'],
    )
  })

  it('answers 422 when an Idempotency-Key is reused with another body', async () => {
    const { publish, store } = setup()
    const headers = { 'idempotency-key': 'key-2' }
    await publish('order-1', { events: [placed('a')] }, { headers })
    const result = await publish('order-1', { events: [placed('b')] }, { headers })
    assert.equal(result.statusCode, 422)
    assert.match(problemOf(result).type, /idempotency-key-reused/)
    assert.equal((await store.readStream('order-1')).events.length, 1)
  })

  it('answers 422 naming events[i].type for an unknown event type', async () => {
    const { publish } = setup()
    const result = await publish('order-1', { events: [placed(), { type: 'Nope', data: {} }] })
    assert.equal(result.statusCode, 422)
    assert.deepEqual(
      problemOf(result).errors?.map((e) => e.path),
      ['events[1].type'],
    )
  })

  it('answers 422 naming events[i].data paths for data that breaks the newest schema', async () => {
    const { publish, store } = setup()
    const bad = placed()
    bad.data.items = [{ sku: 'sku-1', quantity: -1, unitPrice: 1 }]
    const result = await publish('order-1', { events: [placed(), bad] })
    assert.equal(result.statusCode, 422)
    assert.deepEqual(
      problemOf(result).errors?.map((e) => e.path),
      ['events[1].data.items[0].quantity'],
    )
    assert.equal((await store.readStream('order-1')).events.length, 0)
  })

  it('answers 422 for a negative or fractional expectedVersion, an id with a space and an empty event list', async () => {
    const { publish } = setup()
    const cases = [
      [{ events: [placed()], expectedVersion: -1 }, 'expectedVersion'],
      [{ events: [placed()], expectedVersion: 1.5 }, 'expectedVersion'],
      [{ events: [{ ...placed(), id: 'not an id' }] }, 'events[0].id'],
      [{ events: [] }, 'events'],
      [{ events: [placed()], expectedversion: 1 }, 'expectedversion'],
    ] as const
    for (const [body, path] of cases) {
      const result = await publish('order-1', body)
      assert.equal(result.statusCode, 422, JSON.stringify(body))
      assert.ok(
        problemOf(result).errors?.some((e) => e.path === path),
        `${path} in ${result.body}`,
      )
    }
  })

  it('answers 400 naming streamId for a stream id that can never exist', async () => {
    const { publish } = setup()
    const result = await publish('_guard', { events: [placed()] })
    assert.equal(result.statusCode, 400)
    assert.deepEqual(
      problemOf(result).errors?.map((e) => e.path),
      ['streamId'],
    )
  })

  it('answers 400 with the malformed-json type for a body that is not JSON', async () => {
    const { publish } = setup()
    const result = await publish('order-1', '{"events": [')
    assert.equal(result.statusCode, 400)
    assert.match(problemOf(result).type, /malformed-json/)
  })

  it('answers 415 for a body that is not JSON by its content type', async () => {
    const { publish } = setup()
    const result = await publish('order-1', '{}', { headers: { 'content-type': 'text/plain' } })
    assert.equal(result.statusCode, 415)
    problemOf(result)
  })

  it('accepts +json media types with parameters', async () => {
    const { publish } = setup()
    const headers = { 'content-type': 'application/vnd.events+json; charset=utf-8' }
    assert.equal((await publish('order-1', { events: [placed()] }, { headers })).statusCode, 201)
  })

  it('answers 413 for a body over 1 MiB', async () => {
    const { publish } = setup()
    const result = await publish('order-1', { events: [placed()], pad: 'x'.repeat(1024 * 1024) })
    assert.equal(result.statusCode, 413)
    problemOf(result)
  })

  it('answers 413 naming the event whose envelope would not fit one SNS message', async () => {
    const { publish, store } = setup()
    const big = placed()
    big.data.customerId = 'c'.repeat(300 * 1024)
    const result = await publish('order-1', { events: [placed(), big] })
    assert.equal(result.statusCode, 413)
    assert.deepEqual(
      problemOf(result).errors?.map((e) => e.path),
      ['events[1]'],
    )
    assert.equal((await store.readStream('order-1')).events.length, 0)
  })

  it('answers 413 for more events than one atomic append can take', async () => {
    const { publish } = setup()
    const result = await publish('order-1', { events: Array.from({ length: 100 }, () => placed()) })
    assert.equal(result.statusCode, 413)
    assert.deepEqual(
      problemOf(result).errors?.map((e) => e.path),
      ['events'],
    )
  })

  it('answers 400 naming the header for a malformed Idempotency-Key', async () => {
    const { publish } = setup()
    const result = await publish(
      'order-1',
      { events: [placed()] },
      { headers: { 'idempotency-key': 'has space' } },
    )
    assert.equal(result.statusCode, 400)
    assert.deepEqual(
      problemOf(result).errors?.map((e) => e.path),
      ['Idempotency-Key'],
    )
  })

  it('answers 403 to a JWT without the events/write scope, and 201 with it', async () => {
    const { publish } = setup()
    const denied = await publish('order-1', { events: [placed()] }, { auth: 'jwt', scopes: ['events/read'] })
    assert.equal(denied.statusCode, 403)
    problemOf(denied)
    const allowed = await publish(
      'order-1',
      { events: [placed()] },
      { auth: 'jwt', scopes: ['events/write'] },
    )
    assert.equal(allowed.statusCode, 201)
  })

  it('lets IAM-authorized requests through without scopes', async () => {
    const { publish } = setup()
    assert.equal((await publish('order-1', { events: [placed()] }, { auth: 'iam' })).statusCode, 201)
  })

  it('answers 500 with a generic detail when the store fails unexpectedly, never its message', async () => {
    class FailingStorage extends InMemoryEventStorage {
      override async readHead(): Promise<number> {
        throw new Error('ProvisionedThroughputExceeded on table secret-table')
      }
    }
    const { publish } = setup(new FailingStorage())
    const result = await publish('order-1', { events: [placed()] })
    assert.equal(result.statusCode, 500)
    const problem = problemOf(result)
    assert.doesNotMatch(JSON.stringify(problem), /secret-table|Throughput/)
    assert.equal(headerOf(result, 'x-content-type-options'), 'nosniff')
  })
})
