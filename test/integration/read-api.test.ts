import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type LocalApi, startLocalApi } from '../helpers/local-api.ts'

let api: LocalApi
const stream = 'order-read-1'

const get = (path: string) => fetch(`${api.url}${path}`)

describe('GET /streams/{streamId}[/events] through the local HTTP API', () => {
  before(async () => {
    api = await startLocalApi()
    const items = [{ sku: 'a', quantity: 2, unitPrice: 3 }]
    const events = [
      { type: 'OrderPlaced', data: { orderId: 'r1', customerId: 'c', items, currency: 'EUR' } },
      { type: 'OrderPaid', data: { orderId: 'r1', amount: 6, currency: 'EUR' } },
      { type: 'OrderShipped', data: { orderId: 'r1', carrier: 'DHL', trackingNumber: 'T1' } },
    ]
    const response = await fetch(`${api.url}/streams/${stream}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    })
    assert.equal(response.status, 201)
  })
  after(async () => {
    await api?.stop()
  })

  it('reads back the published events in version order, paged with a next link', async () => {
    const first = await get(`/streams/${stream}/events?limit=2`)
    assert.equal(first.status, 200)
    const page = (await first.json()) as { events: { version: number; type: string }[]; next: string }
    assert.deepEqual(
      page.events.map((e) => e.type),
      ['OrderPlaced', 'OrderPaid'],
    )
    assert.equal(first.headers.get('link'), `<${page.next}>; rel="next"`)
    const rest = (await (await get(page.next)).json()) as { events: { version: number }[]; next?: string }
    assert.deepEqual(
      rest.events.map((e) => e.version),
      [3],
    )
    assert.equal(rest.next, undefined)
  })

  it('folds the current state and the state as of an earlier version', async () => {
    const now = (await (await get(`/streams/${stream}`)).json()) as {
      version: number
      state: { status: string }
    }
    assert.equal(now.version, 3)
    assert.equal(now.state.status, 'shipped')
    const atOne = (await (await get(`/streams/${stream}?atVersion=1`)).json()) as typeof now
    assert.equal(atOne.version, 1)
    assert.equal(atOne.state.status, 'placed')
  })

  it('answers 404 problem+json for an unknown stream and an unknown route', async () => {
    for (const path of ['/streams/order-missing', '/streams/order-missing/events', '/not/a/route']) {
      const response = await get(path)
      assert.equal(response.status, 404, path)
      assert.equal(response.headers.get('content-type'), 'application/problem+json')
    }
  })

  it('answers 400 naming the parameter for a bad query parameter', async () => {
    const response = await get(`/streams/${stream}/events?fromVersion=first`)
    assert.equal(response.status, 400)
    const body = (await response.json()) as { errors: { path: string }[] }
    assert.deepEqual(
      body.errors.map((e) => e.path),
      ['fromVersion'],
    )
  })
})
