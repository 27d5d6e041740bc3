import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type LocalApi, startLocalApi } from '../helpers/local-api.ts'

const placed = (orderId: string) => ({
  type: 'OrderPlaced',
  data: {
    orderId,
    customerId: 'c-1',
    items: [{ sku: 'sku-1', quantity: 1, unitPrice: 4.5 }],
    currency: 'EUR',
  },
})
const paid = (orderId: string) => ({ type: 'OrderPaid', data: { orderId, amount: 4.5, currency: 'EUR' } })

let fullAccess = ''

let api: LocalApi
let n = 0
/** A fresh stream per test, so tests do not depend on each other. */
const newStream = () => `order-it-${++n}`

const post = (streamId: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/streams/${streamId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: fullAccess, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const problem = async (response: Response, status: number) => {
  assert.equal(response.status, status)
  assert.equal(response.headers.get('content-type'), 'application/problem+json')
  const body = (await response.json()) as {
    status: number
    errors?: { path: string }[]
    [k: string]: unknown
  }
  assert.equal(body.status, status)
  return body
}

describe('POST /streams/{streamId}/events through the local HTTP API', () => {
  before(async () => {
    api = await startLocalApi({ authorizer: 'jwt' })
    fullAccess = `Bearer ${await api.auth.devToken?.()}`
  })
  after(async () => {
    await api?.stop()
  })

  it('answers 201 once the events are stored, with versions, Location and correlation id', async () => {
    const stream = newStream()
    const response = await post(stream, { events: [placed('o1')] }, { 'x-correlation-id': 'it-corr-1' })
    assert.equal(response.status, 201)
    assert.equal(response.headers.get('location'), `/streams/${stream}/events?fromVersion=1&limit=1`)
    assert.equal(response.headers.get('x-correlation-id'), 'it-corr-1')
    const body = (await response.json()) as {
      streamId: string
      events: { id: string; version: number; type: string; time: string }[]
    }
    assert.equal(body.streamId, stream)
    assert.equal(body.events[0]?.version, 1)
    const stored = await api.storedEvents(stream)
    assert.deepEqual(
      stored.map((e) => [e.id, e.version, e.type, e.time]),
      body.events.map((e) => [e.id, e.version, e.type, e.time]),
    )
  })

  it('appends several events atomically: all of them, or none when one is invalid', async () => {
    const stream = newStream()
    const ok = await post(stream, { events: [placed('o2'), paid('o2')] })
    assert.equal(ok.status, 201)
    const bad = paid('o2')
    bad.data.currency = 'euro'
    const rejected = await problem(await post(stream, { events: [paid('o2'), bad] }), 422)
    assert.deepEqual(
      rejected.errors?.map((e) => e.path),
      ['events[1].data.currency'],
    )
    assert.deepEqual(
      (await api.storedEvents(stream)).map((e) => e.version),
      [1, 2],
    )
  })

  it('stores the correlation id, causation id and traceparent in the event metadata', async () => {
    const stream = newStream()
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    const response = await post(
      stream,
      { events: [placed('o3')] },
      { 'x-correlation-id': 'it-corr-3', traceparent },
    )
    assert.equal(response.status, 201)
    const [event] = await api.storedEvents(stream)
    assert.equal(event?.metadata.correlationid, 'it-corr-3')
    assert.ok(event?.metadata.causationid, 'causation id is the API request id')
    assert.match(event?.metadata.traceparent ?? '', /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/)
  })

  it('answers an idempotent retry with the first response and stores nothing more', async () => {
    const stream = newStream()
    const headers = { 'idempotency-key': `"${stream}-key"` }
    const first = await post(stream, { events: [placed('o4')] }, headers)
    const itemsAfterFirst = await api.itemCount()
    const retry = await post(stream, { events: [placed('o4')] }, headers)
    assert.equal(retry.status, 201)
    assert.deepEqual(await retry.json(), await first.json())
    assert.equal(await api.itemCount(), itemsAfterFirst)
    const reused = await problem(await post(stream, { events: [placed('other')] }, headers), 422)
    assert.match(String(reused.type), /idempotency-key-reused/)
    assert.equal((await api.storedEvents(stream)).length, 1)
  })

  it('answers 409 with the expected and actual versions', async () => {
    const stream = newStream()
    await post(stream, { events: [placed('o5')] })
    const conflict = await problem(await post(stream, { events: [paid('o5')], expectedVersion: 0 }), 409)
    assert.equal(conflict.expectedVersion, 0)
    assert.equal(conflict.actualVersion, 1)
    assert.equal((await post(stream, { events: [paid('o5')], expectedVersion: 1 })).status, 201)
  })

  it('answers 400 for malformed JSON and for a stream id that can never exist', async () => {
    const stream = newStream()
    await problem(await post(stream, '{"events": ['), 400)
    const badId = await problem(await post('-bad', { events: [placed('o6')] }), 400)
    assert.deepEqual(
      badId.errors?.map((e) => e.path),
      ['streamId'],
    )
    assert.equal((await api.storedEvents(stream)).length, 0)
  })

  it('answers 401 without a token and 403 without the events/write scope', async () => {
    const stream = newStream()
    const noToken = await fetch(`${api.url}/streams/${stream}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [placed('o7')] }),
    })
    assert.equal(noToken.status, 401)
    const readOnly = `Bearer ${await api.auth.devToken?.({ scopes: ['events/read'] })}`
    await problem(await post(stream, { events: [placed('o7')] }, { authorization: readOnly }), 403)
    assert.equal((await api.storedEvents(stream)).length, 0)
  })

  it('answers 404 problem+json for an unknown route', async () => {
    const response = await fetch(`${api.url}/nowhere`, { headers: { authorization: fullAccess } })
    await problem(response, 404)
  })

  it('answers 413 for a body over 1 MiB and for an event too large for one SNS message', async () => {
    const stream = newStream()
    await problem(await post(stream, { events: [placed('o8')], pad: 'x'.repeat(1024 * 1024) }), 413)
    const big = placed('o8')
    big.data.customerId = 'c'.repeat(260 * 1024)
    const tooBig = await problem(await post(stream, { events: [big] }), 413)
    assert.deepEqual(
      tooBig.errors?.map((e) => e.path),
      ['events[0]'],
    )
    assert.equal((await api.storedEvents(stream)).length, 0)
  })

  it('answers 415 for a body that is not JSON', async () => {
    const stream = newStream()
    await problem(
      await post(stream, 'events=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    )
  })

  it('answers 422 naming the fields of an unknown type and a bad expectedVersion', async () => {
    const stream = newStream()
    const body = { events: [placed('o9'), { type: 'OrderExploded', data: {} }], expectedVersion: -1 }
    const rejected = await problem(await post(stream, body), 422)
    assert.deepEqual(rejected.errors?.map((e) => e.path).sort(), ['events[1].type', 'expectedVersion'])
    assert.equal((await api.storedEvents(stream)).length, 0)
  })
})
