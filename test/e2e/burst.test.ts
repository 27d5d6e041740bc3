/**
 * A burst through the real local runtime: 1,000 events over HTTP, 20 requests in flight, and every
 * event's effect at every matching consumer exactly once, with every queue and DLQ empty afterwards.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { newOrder, placeAndShip } from '../helpers/orders.ts'
import { scanEffects } from '../helpers/read-model.ts'
import { allQueuesEmpty } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const ORDERS = 500 // × (OrderPlaced, OrderShipped) = 1,000 events
const IN_FLIGHT = 20

describe('a burst on the local runtime', () => {
  let t: TestStack
  before(async () => {
    t = await startTestStack()
  })
  after(() => t?.stop())

  it('applies each of 1,000 events exactly once at every matching consumer and leaves every queue empty', async () => {
    const orders = Array.from({ length: ORDERS }, () => newOrder())
    const { acknowledged, failures } = await placeAndShip(t.stack.urls.http, orders, IN_FLIGHT)
    assert.deepEqual(failures, [])
    assert.equal(acknowledged.length, 2 * ORDERS)

    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
    const effects = await until(
      'every event applied',
      () => scanEffects(t.db),
      (e) => sum(e.applied) >= 2 * ORDERS && sum(e.notified) >= ORDERS,
      { timeoutMs: 120_000, intervalMs: 1000 },
    )
    const status = await until('every queue empty', () => t.status(), allQueuesEmpty, { timeoutMs: 30_000 })
    const settled = await scanEffects(t.db)
    for (const { orderId } of orders) {
      assert.equal(settled.applied.get(orderId), 2, `order-summary effects of order ${orderId}`)
      assert.equal(settled.notified.get(orderId), 1, `shipping notifications of order ${orderId}`)
    }
    assert.equal(settled.applied.size, ORDERS)
    assert.equal(sum(effects.notified), ORDERS)
    assert.deepEqual(status.relayFailures, { visible: 0, inFlight: 0 })
    assert.equal(status.functions.relay?.errors, 0)
  })
})
