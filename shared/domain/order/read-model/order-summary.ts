/**
 * The order summary projection, pure: which change each order event makes to the summary item.
 * The repository applies changes atomically, so events can arrive in any order and more than once.
 */
import type { CloudEvent } from '../../../events/envelope.ts'
import { sequenceToVersion } from '../../../events/envelope.ts'
import type { EventData } from '../../../events/event-type.ts'
import type { OrderCancelled, OrderPaid, OrderPlaced, OrderShipped } from '../events.ts'
import { orderTotal } from '../total.ts'
import { type SummaryChange, type SummaryFields, SummaryStatus } from './order-summary-types.ts'

/** What one event does to the summary, before it is tied to an order, version and time. */
export interface SummaryEffect {
  status: SummaryStatus
  fields: SummaryFields
  /** Added to `amountPaid` (see `OrderPaid`). */
  payment?: number
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
  // Added, as the order reducer does: an order may be paid in parts. The repository adds each
  // payment once per stream version, so a redelivery or a reprocessing replay never counts it twice.
  OrderPaid: (data: EventData<typeof OrderPaid>): SummaryEffect => ({
    status: SummaryStatus.paid,
    fields: {},
    payment: data.amount,
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
    ...(effect.payment === undefined ? {} : { payment: effect.payment }),
    time: event.time,
  }
}
