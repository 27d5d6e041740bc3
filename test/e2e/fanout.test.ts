/**
 * Fan-out through the real local runtime: HTTP → publish → events table → stream → relay → SNS →
 * filtered queues → consumers → read model; and deduplication of a message delivered twice.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs'
import { flakyConsumer, flakyKeys } from '../fixtures/consumers/flaky-declaration.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { envelope, newOrder, orderPlaced, orderShipped, publish } from '../helpers/orders.ts'
import { eventsApplied, notifications, readItem } from '../helpers/read-model.ts'
import type { LocalStatus } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const queuesIdle = (s: LocalStatus) =>
  Object.values(s.eventSources).every((e) => e.queue.visible + e.queue.inFlight === 0)

describe('fan-out on the local runtime', () => {
  let t: TestStack
  before(async () => {
    t = await startTestStack({ extraConsumers: [flakyConsumer] })
  })
  after(() => t?.stop())

  it('delivers OrderPlaced to order-summary only and OrderShipped to order-summary and shipping-notifier', async () => {
    const placed = newOrder()
    const shipped = newOrder()
    await publish(t.stack.urls.http, placed.streamId, [orderPlaced(placed.orderId)])
    const [shipEvent] = await publish(t.stack.urls.http, shipped.streamId, [orderShipped(shipped.orderId)])
    await until(
      'both events folded into the order summaries',
      async () => [await eventsApplied(t.db, placed.orderId), await eventsApplied(t.db, shipped.orderId)],
      ([a, b]) => a === 1 && b === 1,
    )
    await until(
      'the shipping notification',
      () => notifications(t.db, shipped.orderId),
      (n) => n.length === 1,
    )
    const status = await until('every queue drained', () => t.status(), queuesIdle)
    assert.deepEqual(await notifications(t.db, shipped.orderId), [shipEvent?.id])
    // Had the filter let OrderPlaced through, shipping-notifier (no handler for it) would have parked it in its DLQ.
    assert.deepEqual(await notifications(t.db, placed.orderId), [])
    assert.deepEqual(status.eventSources['shipping-notifier']?.dlq, { visible: 0, inFlight: 0 })
    assert.deepEqual(status.eventSources['order-summary']?.dlq, { visible: 0, inFlight: 0 })
    // The test consumer filters on streams `order-flaky-…`: it saw neither event.
    assert.equal(status.functions.flaky?.invocations, 0)
  })

  it('runs the handler once when the same envelope is delivered again later', async () => {
    const order = newOrder()
    const body = JSON.stringify(envelope(order.streamId, orderPlaced(order.orderId)))
    const queueUrl = t.stack.resources.consumerQueues['order-summary']?.queueUrl
    await t.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }))
    await until(
      'the first delivery applied',
      () => eventsApplied(t.db, order.orderId),
      (n) => n === 1,
    )
    const before = (await t.status()).functions['order-summary']?.invocations ?? 0
    await t.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }))
    await until(
      'the second delivery consumed',
      () => t.status(),
      (s) => (s.functions['order-summary']?.invocations ?? 0) > before && queuesIdle(s),
    )
    assert.equal(await eventsApplied(t.db, order.orderId), 1)
  })

  it('runs the handler once when the same envelope arrives twice at the same time', async () => {
    const order = newOrder('order-flaky-')
    const body = JSON.stringify(envelope(order.streamId, orderPlaced(order.orderId)))
    const eventId = String(JSON.parse(body).id)
    await t.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: t.stack.resources.consumerQueues.flaky?.queueUrl,
        Entries: [
          { Id: 'first', MessageBody: body },
          { Id: 'again', MessageBody: body },
        ],
      }),
    )
    // A delivery that finds the other still in progress is retried after the visibility timeout (6 s).
    const status = await until('both deliveries consumed', () => t.status(), queuesIdle, {
      timeoutMs: 60_000,
    })
    assert.deepEqual(status.eventSources.flaky?.dlq, { visible: 0, inFlight: 0 })
    const effect = await readItem(t.db, flakyKeys.effect(order.orderId, eventId))
    assert.equal(effect?.handled, 1)
    assert.equal(effect?.attempts, 1)
  })
})
