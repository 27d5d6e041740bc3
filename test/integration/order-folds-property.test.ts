import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { readModel } from '../../functions/backbone.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { DynamoDBOrderSummaryRepository } from '../../shared/domain/order/read-model/dynamodb/order-summary-repository.ts'
import { orderSummaryEffects, summaryChange } from '../../shared/domain/order/read-model/order-summary.ts'
import type { OrderSummary } from '../../shared/domain/order/read-model/order-summary-repository.ts'
import { type OrderState, orderReducer } from '../../shared/domain/order/reducer.ts'
import { type CloudEvent, toCloudEvent } from '../../shared/events/envelope.ts'
import type { FoldedEvent } from '../../shared/events/reducer.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'

/**
 * Property-based: any order history folds to the same order through the reducer (`GET /streams/{id}`)
 * and through the order-summary read model on its real DynamoDB repository.
 */

type OrderEventType = keyof typeof orderSummaryEffects
type History = { type: OrderEventType; data: Record<string, unknown> }[]

/** Money with 0, 2 or 3 decimals: sub-cent amounts are where binary and decimal sums part. */
const amount = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(1, 100, 1000))
  .map(([units, divisor]) => units / divisor)
const text = fc.stringMatching(/^[A-Za-z0-9 -]{1,12}$/)

const placed = fc.record({
  customerId: text,
  items: fc.array(fc.record({ sku: text, quantity: fc.integer({ min: 1, max: 100 }), unitPrice: amount }), {
    minLength: 1,
    maxLength: 3,
  }),
  currency: fc.constantFrom('EUR', 'USD'),
})
const later = fc.oneof(
  fc.record({
    type: fc.constant('OrderPaid' as const),
    data: fc.record({ amount, currency: fc.constantFrom('EUR', 'USD') }),
  }),
  fc.record({
    type: fc.constant('OrderShipped' as const),
    data: fc.record({ carrier: fc.constantFrom('DHL', 'UPS'), trackingNumber: text }),
  }),
  fc.record({ type: fc.constant('OrderCancelled' as const), data: fc.record({ reason: text }) }),
)

/** An order placed, then any number of payments, shipments and cancellations in any order. */
const history = fc
  .tuple(placed, fc.array(later, { maxLength: 8 }))
  .map(([first, rest]): History => [{ type: 'OrderPlaced', data: first }, ...rest])

let orders = 0

/** The history as stored events of one new order. */
function storedEvents(events: History) {
  orders += 1
  const orderId = `p${orders}`
  return events.map(({ type, data }, i) => ({
    streamId: `order-${orderId}`,
    version: i + 1,
    id: `${orderId}-v${i + 1}`,
    type,
    schemaVersion: type === 'OrderPlaced' ? 2 : 1,
    data: { orderId, ...data },
    metadata: {},
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  }))
}

const effectOf = (event: CloudEvent) =>
  (orderSummaryEffects[event.type as OrderEventType] as (data: unknown) => ReturnType<typeof summaryChange>)(
    event.data,
  )

/** Every field the reducer's state and the read model share, named as the reducer names them. */
function sharedOfState(state: OrderState) {
  return {
    orderId: state.orderId,
    customerId: state.customerId,
    status: state.status,
    items: state.items,
    currency: state.currency,
    total: state.total,
    amountPaid: state.amountPaid,
    carrier: state.shipment?.carrier,
    trackingNumber: state.shipment?.trackingNumber,
    cancellationReason: state.cancellationReason,
    version: state.version,
    updatedAt: state.updatedAt,
  }
}

function sharedOfSummary(summary: OrderSummary | undefined) {
  assert.ok(summary, 'the read model has a summary')
  return {
    orderId: summary.orderId,
    customerId: summary.customerId,
    status: summary.status,
    items: summary.items,
    currency: summary.currency,
    total: summary.total,
    // Absent until the first payment; the reducer starts at 0.
    amountPaid: summary.amountPaid ?? 0,
    carrier: summary.carrier,
    trackingNumber: summary.trackingNumber,
    cancellationReason: summary.cancellationReason,
    version: summary.lastVersion,
    updatedAt: summary.updatedAt,
  }
}

describe('the two folds of an order', () => {
  let db: TestDynamoDB
  let summaries: DynamoDBOrderSummaryRepository

  before(async () => {
    db = await startTestDynamoDB({ inMemory: true })
    await createConsumerTables(db.dynamodb, 'dedup', [readModel])
    summaries = new DynamoDBOrderSummaryRepository({
      client: createDocumentClient(db.dynamodb),
      tableName: 'read-model',
    })
  })

  after(() => db.stop())

  const applyToReadModel = (event: CloudEvent) =>
    summaries.apply(summaryChange(event as never, effectOf(event)))

  it('agree on every shared field for any history, also when payments are delivered again', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.array(fc.nat()), async (events, redeliveries) => {
        const stored = storedEvents(events)
        const state = stored.reduce<OrderState>(
          (s, e) => orderReducer.apply(s, e satisfies FoldedEvent),
          orderReducer.initialState(),
        )
        const wire = stored.map((e) => toCloudEvent(e, { source: 'urn:test' }))
        for (const event of wire) await applyToReadModel(event)
        // At-least-once delivery and reprocessing replays hand a payment to the repository again.
        const payments = wire.filter((e) => e.type === 'OrderPaid')
        for (const n of payments.length > 0 ? redeliveries : []) {
          await applyToReadModel(payments[n % payments.length] as CloudEvent)
        }
        const summary = await summaries.get(String(stored[0]?.data.orderId))
        assert.deepEqual(sharedOfSummary(summary), sharedOfState(state))
      }),
      // ~12 UpdateItems per run on the in-process engine: 60 runs take about two seconds.
      { numRuns: 60 },
    )
  })

  it('add a payment that arrives after a later event, and only once when it arrives again', async () => {
    const [place, pay, ship] = storedEvents([
      {
        type: 'OrderPlaced',
        data: { customerId: 'c', items: [{ sku: 's', quantity: 1, unitPrice: 10 }], currency: 'EUR' },
      },
      { type: 'OrderPaid', data: { amount: 0.1, currency: 'EUR' } },
      { type: 'OrderShipped', data: { carrier: 'DHL', trackingNumber: 'T' } },
    ]).map((e) => toCloudEvent(e, { source: 'urn:test' })) as [CloudEvent, CloudEvent, CloudEvent]
    const pay2 = toCloudEvent(
      {
        streamId: place.subject,
        version: 4,
        id: 'second-payment',
        type: 'OrderPaid',
        schemaVersion: 1,
        data: { ...(pay.data as object), amount: 0.2 },
        metadata: {},
        time: '2025-01-01T00:00:09.000Z',
      },
      { source: 'urn:test' },
    )
    for (const event of [place, ship, pay, pay2, pay, pay2]) await applyToReadModel(event)
    const summary = await summaries.get((place.data as { orderId: string }).orderId)
    assert.equal(summary?.amountPaid, 0.3)
    assert.equal(summary?.status, 'paid')
    assert.equal(summary?.lastVersion, 4)
    assert.equal(summary?.eventsApplied, 6)
  })
})
