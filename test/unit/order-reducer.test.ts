import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { reducerFor } from '../../functions/domain.ts'
import { type OrderState, orderReducer } from '../../shared/domain/order/reducer.ts'
import type { FoldedEvent } from '../../shared/events/reducer.ts'

let version = 0
function event(type: string, data: unknown): FoldedEvent {
  version += 1
  return { streamId: 'order-1', version, type, data, time: `2024-05-01T10:00:0${version}.000Z` }
}

function fold(events: FoldedEvent[]): OrderState {
  return events.reduce(orderReducer.apply, orderReducer.initialState())
}

const placed = () =>
  event('OrderPlaced', {
    orderId: 'o1',
    customerId: 'c1',
    items: [
      { sku: 'A', quantity: 3, unitPrice: 0.1 },
      { sku: 'B', quantity: 1, unitPrice: 19.99 },
    ],
    currency: 'EUR',
  })

describe('order reducer', () => {
  it('folds a placed order into its items, currency and total', () => {
    version = 0
    const state = fold([placed()])
    assert.equal(state.status, 'placed')
    assert.equal(state.orderId, 'o1')
    assert.equal(state.customerId, 'c1')
    assert.equal(state.items.length, 2)
    assert.equal(state.total, 20.29)
    assert.equal(state.currency, 'EUR')
    assert.equal(state.version, 1)
    assert.equal(state.placedAt, '2024-05-01T10:00:01.000Z')
  })

  it('follows an order through payment and shipment', () => {
    version = 0
    const state = fold([
      placed(),
      event('OrderPaid', { orderId: 'o1', amount: 20.29, currency: 'EUR' }),
      event('OrderShipped', { orderId: 'o1', carrier: 'DHL', trackingNumber: 'T1' }),
    ])
    assert.equal(state.status, 'shipped')
    assert.equal(state.amountPaid, 20.29)
    assert.deepEqual(state.shipment, { carrier: 'DHL', trackingNumber: 'T1' })
    assert.equal(state.version, 3)
  })

  it('adds every payment to what was paid: an order may be paid in parts', () => {
    version = 0
    const state = fold([
      placed(),
      event('OrderPaid', { orderId: 'o1', amount: 10, currency: 'EUR' }),
      event('OrderPaid', { orderId: 'o1', amount: 10.29, currency: 'EUR' }),
    ])
    assert.equal(state.amountPaid, 20.29)
    assert.equal(state.status, 'paid')
  })

  it('sums payments in decimal, as the read model does in DynamoDB', () => {
    version = 0
    const state = fold([
      placed(),
      event('OrderPaid', { orderId: 'o1', amount: 0.1, currency: 'EUR' }),
      event('OrderPaid', { orderId: 'o1', amount: 0.2, currency: 'EUR' }),
      event('OrderPaid', { orderId: 'o1', amount: 1e-7, currency: 'EUR' }),
    ])
    assert.equal(state.amountPaid, 0.3000001)
  })

  it('records a cancellation with its reason', () => {
    version = 0
    const state = fold([placed(), event('OrderCancelled', { orderId: 'o1', reason: 'changed mind' })])
    assert.equal(state.status, 'cancelled')
    assert.equal(state.cancellationReason, 'changed mind')
  })

  it('ignores event types it does not know but still advances the version', () => {
    version = 0
    const before = fold([placed()])
    const after = orderReducer.apply(before, event('OrderGiftWrapped', {}))
    assert.equal(after.status, 'placed')
    assert.equal(after.version, 2)
  })

  it('never mutates the state it is given', () => {
    version = 0
    const initial = orderReducer.initialState()
    const frozen = structuredClone(initial)
    orderReducer.apply(initial, placed())
    assert.deepEqual(initial, frozen)
  })

  it('is found for order streams only', () => {
    assert.equal(reducerFor('order-42'), orderReducer)
    assert.equal(reducerFor('customer-42'), undefined)
  })
})
