/**
 * The order summary projection, pure: which change each order event makes to the summary item.
 * The repository applies changes atomically, so events can arrive in any order and more than once.
 */
import type { OrderCancelled, OrderPaid, OrderPlaced, OrderShipped } from '../domain/order/events.ts'
import { orderTotal } from '../domain/order/total.ts'
import type { CloudEvent } from '../events/envelope.ts'
import { sequenceToVersion } from '../events/envelope.ts'
import type { EventData } from '../events/event-type.ts'
import type { OrderItem } from './order-summary-repository.ts'

/** The status an order event moves the summary to. */
export const SummaryStatus = {
  placed: 'placed',
  paid: 'paid',
  shipped: 'shipped',
  cancelled: 'cancelled',
} as const

export type SummaryStatus = (typeof SummaryStatus)[keyof typeof SummaryStatus]

/** Fields an event sets on the summary (besides status, version and the counter). */
export interface SummaryFields {
  customerId?: string
  items?: OrderItem[]
  currency?: string
  /** Sum of quantity × unitPrice, rounded to cents. */
  total?: number
  amountPaid?: number
  carrier?: string
  trackingNumber?: string
  cancellationReason?: string
}

/** One event's change to one order's summary. */
export interface SummaryChange {
  orderId: string
  /** Stream version of the event: status only moves forward with it. */
  version: number
  status: SummaryStatus
  fields: SummaryFields
  /** Event time (ISO 8601). */
  time: string
}

/** What one event does to the summary, before it is tied to an order, version and time. */
export interface SummaryEffect {
  status: SummaryStatus
  fields: SummaryFields
}

/** The effect of each order event type on the summary. */
export const orderSummaryEffects = {
  OrderPlaced: (data: EventData<typeof OrderPlaced>): SummaryEffect => ({
    status: SummaryStatus.placed,
    fields: {
      customerId: data.customerId,
      items: data.items.map((i) => ({ sku: i.sku, quantity: i.quantity, unitPrice: i.unitPrice })),
      currency: data.currency,
      total: orderTotal(data.items),
    },
  }),
  // Set, not added: OrderPaid means paid in full, and a set stays correct if the event is re-applied.
  OrderPaid: (data: EventData<typeof OrderPaid>): SummaryEffect => ({
    status: SummaryStatus.paid,
    fields: { amountPaid: data.amount },
  }),
  OrderShipped: (data: EventData<typeof OrderShipped>): SummaryEffect => ({
    status: SummaryStatus.shipped,
    fields: { carrier: data.carrier, trackingNumber: data.trackingNumber },
  }),
  OrderCancelled: (data: EventData<typeof OrderCancelled>): SummaryEffect => ({
    status: SummaryStatus.cancelled,
    fields: { cancellationReason: data.reason },
  }),
} as const

/** Ties an effect to the event's order, stream version and time. */
export function summaryChange(event: CloudEvent<{ orderId: string }>, effect: SummaryEffect): SummaryChange {
  return {
    orderId: event.data.orderId,
    version: sequenceToVersion(event.sequence),
    status: effect.status,
    fields: effect.fields,
    time: event.time,
  }
}
