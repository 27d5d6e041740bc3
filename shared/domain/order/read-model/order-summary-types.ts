/** The vocabulary shared by the order summary projection and its repository. */

/** A line of an order. */
export interface OrderItem {
  sku: string
  quantity: number
  unitPrice: number
}

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
  /** An amount to add to `amountPaid`, once per version however often the change is applied. */
  payment?: number
  /** Event time (ISO 8601). */
  time: string
}
