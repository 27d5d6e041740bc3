import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Logger } from '@aws-lambda-powertools/logger'
import { Metrics } from '@aws-lambda-powertools/metrics'
import { domain, registry } from '../../functions/domain.ts'
import { createReadHandler } from '../../shared/http/read/read-handler.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { InMemoryEventStorage } from '../../shared/store/in-memory/in-memory-event-storage.ts'
import { bodyOf, headerOf, httpEvent, lambdaContext } from '../helpers/http-events.ts'

process.env.POWERTOOLS_METRICS_DISABLED = 'true'

const placed = {
  type: 'OrderPlaced',
  data: {
    orderId: 'o-1',
    customerId: 'c-1',
    items: [{ sku: 's', quantity: 2, unitPrice: 5 }],
    currency: 'EUR',
  },
}
const paid = { type: 'OrderPaid', data: { orderId: 'o-1', amount: 10, currency: 'EUR' } }

const setup = async () => {
  const store = new EventStore({ storage: new InMemoryEventStorage(), registry })
  await store.append('order-1', [placed, paid])
  const handler = createReadHandler({
    store,
    domain,
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'test', serviceName: 'read' }),
  })
  // The HTTP API's `$default` route: no path parameters, the router finds them.
  const get = (path: string, query?: Record<string, string>, method = 'GET') =>
    handler(httpEvent({ method, path, ...(query ? { query } : {}) }), lambdaContext())
  return { store, get }
}

describe('read handler', () => {
  it('reads a stream in version order with data, metadata and schema version', async () => {
    const { get } = await setup()
    const result = await get('/streams/order-1/events')
    assert.equal(result.statusCode, 200)
    const body = bodyOf(result) as {
      streamId: string
      events: { version: number; type: string }[]
      next?: string
    }
    assert.equal(body.streamId, 'order-1')
    assert.deepEqual(
      body.events.map((e) => [e.version, e.type]),
      [
        [1, 'OrderPlaced'],
        [2, 'OrderPaid'],
      ],
    )
    assert.equal(body.next, undefined)
  })

  it('pages with nextVersion, a next link and a Link header', async () => {
    const { get } = await setup()
    const first = await get('/streams/order-1/events', { limit: '1' })
    const body = bodyOf(first) as { events: unknown[]; nextVersion: number; next: string }
    assert.equal(body.events.length, 1)
    assert.equal(body.nextVersion, 2)
    assert.equal(body.next, '/streams/order-1/events?fromVersion=2&limit=1')
    assert.equal(headerOf(first, 'link'), '</streams/order-1/events?fromVersion=2&limit=1>; rel="next"')
    const second = bodyOf(await get('/streams/order-1/events', { fromVersion: '2', limit: '1' }))
    assert.deepEqual(
      (second.events as { version: number }[]).map((e) => e.version),
      [2],
    )
  })

  it('answers an empty page past the head of an existing stream', async () => {
    const { get } = await setup()
    const result = await get('/streams/order-1/events', { fromVersion: '3' })
    assert.equal(result.statusCode, 200)
    assert.deepEqual(bodyOf(result).events, [])
  })

  it('answers 404 for a stream without events', async () => {
    const { get } = await setup()
    for (const path of ['/streams/order-2/events', '/streams/order-2']) {
      const result = await get(path)
      assert.equal(result.statusCode, 404, path)
      assert.equal(headerOf(result, 'content-type'), 'application/problem+json')
    }
  })

  it('answers 400 naming the parameter for bad query parameters and stream ids', async () => {
    const { get } = await setup()
    const cases: [string, Record<string, string>, string][] = [
      ['/streams/order-1/events', { fromVersion: 'abc' }, 'fromVersion'],
      ['/streams/order-1/events', { limit: '0' }, 'limit'],
      ['/streams/order-1/events', { limit: '100000' }, 'limit'],
      ['/streams/order-1', { atVersion: '-1' }, 'atVersion'],
      ['/streams/_x/events', {}, 'streamId'],
    ]
    for (const [path, query, param] of cases) {
      const result = await get(path, query)
      assert.equal(result.statusCode, 400, `${path} ${JSON.stringify(query)}`)
      assert.deepEqual(
        (bodyOf(result).errors as { path: string }[]).map((e) => e.path),
        [param],
      )
    }
  })

  it('folds the state with the stream reducer, and as of an earlier version', async () => {
    const { get } = await setup()
    const now = bodyOf(await get('/streams/order-1')) as { version: number; state: { status: string } }
    assert.equal(now.version, 2)
    assert.equal(now.state.status, 'paid')
    const before = bodyOf(await get('/streams/order-1', { atVersion: '1' })) as typeof now
    assert.equal(before.version, 1)
    assert.equal(before.state.status, 'placed')
  })

  it('answers unknown routes and methods with a 404 problem', async () => {
    const { get } = await setup()
    for (const [path, method] of [
      ['/nope', 'GET'],
      ['/streams/order-1/events/1', 'GET'],
      ['/streams/order-1', 'DELETE'],
    ] as const) {
      const result = await get(path, undefined, method)
      assert.equal(result.statusCode, 404, `${method} ${path}`)
      assert.match(String(bodyOf(result).type), /not-found/)
    }
  })
})
