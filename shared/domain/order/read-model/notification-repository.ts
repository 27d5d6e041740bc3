/** Port of the shipping notifications log; `dynamodb/notification-repository.ts` is the adapter. */

/** A shipping notification that was "sent" (a real notifier would email; this one records it). */
export interface ShippingNotification {
  orderId: string
  /** The OrderShipped event that caused it. */
  eventId: string
  carrier: string
  trackingNumber: string
  /** Event time (ISO 8601). */
  shippedAt: string
}

/** Records notifications and lists them per order. */
export interface NotificationRepository {
  record(notification: ShippingNotification): Promise<void>
  /** Every notification recorded for `orderId`. */
  listForOrder(orderId: string): Promise<ShippingNotification[]>
}
