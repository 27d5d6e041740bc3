/**
 * SNS unavailable for a while, injected at the network boundary (the relay's SNS endpoint goes
 * through a proxy answering 503): publishing keeps working, the relay keeps retrying, and after
 * recovery every event reaches every matching consumer, exactly once, with nothing given up on.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FaultProxy } from '../../infra/local/faults/index.ts'
import { snsFaultProxy, startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { newOrder, orderPlaced, placeAndShip, publish } from '../helpers/orders.ts'
import { eventsApplied, notifications } from '../helpers/read-model.ts'
import { allQueuesEmpty } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const ORDERS = 20 // × (OrderPlaced, OrderShipped)

describe('an SNS outage on the local runtime', () => {
  let t: TestStack
  let sns: FaultProxy
  before(async () => {
    t = await startTestStack({ faults: { sns: true } })
    sns = snsFaultProxy(t)
  })
  after(() => t?.stop())

  it('delivers every event published while SNS was unavailable once it is back', async () => {
    const warmUp = newOrder()
    await publish(t.stack.urls.http, warmUp.streamId, [orderPlaced(warmUp.orderId)])
    await until(
      'delivery through the proxy',
      () => eventsApplied(t.db, warmUp.orderId),
      (n) => n === 1,
    )
    assert.ok(sns.stats().forwarded > 0, 'the relay publishes through the proxy')

    sns.fail()
    const orders = Array.from({ length: ORDERS }, () => newOrder())
    const { acknowledged, failures } = await placeAndShip(t.stack.urls.http, orders, 5)
    assert.deepEqual(failures, [], 'publishing does not depend on SNS')
    assert.equal(acknowledged.length, 2 * ORDERS)
    // The outage lasts until the relay has been turned away many times (SDK retries, then stream retries).
    await until(
      'the relay to hit the outage repeatedly',
      async () => sns.stats().rejected,
      (n) => n >= 30,
      {
        timeoutMs: 60_000,
      },
    )
    const duringOutage = await Promise.all(orders.map((o) => eventsApplied(t.db, o.orderId)))
    assert.deepEqual(new Set(duringOutage), new Set([0]), 'nothing was delivered while SNS was down')
    sns.recover()

    for (const { orderId } of orders) {
      await until(
        `order ${orderId} applied`,
        () => eventsApplied(t.db, orderId),
        (n) => n >= 2,
        {
          timeoutMs: 60_000,
        },
      )
    }
    const status = await until('every queue empty', () => t.status(), allQueuesEmpty)
    for (const { orderId } of orders) {
      assert.equal(await eventsApplied(t.db, orderId), 2, `order-summary effects of order ${orderId}`)
      assert.equal((await notifications(t.db, orderId)).length, 1, `notifications of order ${orderId}`)
    }
    assert.deepEqual(status.relayFailures, { visible: 0, inFlight: 0 }, 'no batch was given up on')
  })
})
