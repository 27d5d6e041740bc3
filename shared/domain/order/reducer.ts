/**
 * The order state folded from an `order-*` stream. Pure: no I/O, no clock, no mutation.
 */
import type { EventData } from '../../events/event-type.ts'
import type { FoldedEvent, Reducer } from '../../events/reducer.ts'
import { addDecimal } from './decimal-sum.ts'
import type { OrderCancelled } from './order-cancelled.ts'
import type { OrderPaid } from './order-paid.ts'
import type { OrderPlaced } from './order-placed.ts'
import type { OrderShipped } from './order-shipped.ts'
import { orderTotal } from './total.ts'

export const OrderStatus = {
  none: 'none',
  placed: 'placed',
  paid: 'paid',
  shipped: 'shipped',
  cancelled: 'cancelled',
} as const
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus]

export interface OrderState {
  orderId?: string
  customerId?: string
  status: OrderStatus
  items: EventData<typeof OrderPlaced>['items']
  currency?: string
  /** Sum of quantity × unitPrice over the items. */
  total: number
  /** Sum of every `OrderPaid.amount`: an order may be paid in parts. */
  amountPaid: number
  shipment?: { carrier: string; trackingNumber: string }
  cancellationReason?: string
  /** Version of the last event folded in. */
  version: number
  placedAt?: string
  updatedAt?: string
}

type Handlers = { [type: string]: (state: OrderState, data: never, event: FoldedEvent) => OrderState }

const handlers = {
  OrderPlaced: (state, data: EventData<typeof OrderPlaced>, event) => ({
    ...state,
    orderId: data.orderId,
    customerId: data.customerId,
    status: OrderStatus.placed,
    items: data.items.map((i) => ({ ...i })),
    currency: data.currency,
    total: orderTotal(data.items),
    placedAt: event.time,
  }),
  OrderPaid: (state, data: EventData<typeof OrderPaid>) => ({
    ...state,
    status: OrderStatus.paid,
    amountPaid: addDecimal(state.amountPaid, data.amount),
  }),
  OrderShipped: (state, data: EventData<typeof OrderShipped>) => ({
    ...state,
    status: OrderStatus.shipped,
    shipment: { carrier: data.carrier, trackingNumber: data.trackingNumber },
  }),
  OrderCancelled: (state, data: EventData<typeof OrderCancelled>) => ({
    ...state,
    status: OrderStatus.cancelled,
    cancellationReason: data.reason,
  }),
} satisfies Handlers

export const orderReducer: Reducer<OrderState> = {
  // Declared: the fold lives in `handlers`, which a hash of `apply`'s source would not see.
  // Bump it with any change to the state or the handlers; older snapshots are then rebuilt.
  version: '1',
  initialState: () => ({ status: OrderStatus.none, items: [], total: 0, amountPaid: 0, version: 0 }),
  apply(state, event) {
    const handler = (handlers as Handlers)[event.type]
    const next = handler ? handler(state, event.data as never, event) : state
    return { ...next, version: event.version, updatedAt: event.time }
  },
}
