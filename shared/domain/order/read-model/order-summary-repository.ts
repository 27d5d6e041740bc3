/**
 * Port of the order summary read model; `dynamodb/order-summary-repository.ts` is the adapter.
 */
import type { SummaryChange, SummaryFields, SummaryStatus } from './order-summary-types.ts'

/** The summary of one order, as stored: the fields its events set, plus status and bookkeeping. */
export interface OrderSummary extends SummaryFields {
  orderId: string
  status: SummaryStatus
  /** Sum of the payments applied (see `OrderPaid`); absent until the first one. */
  amountPaid?: number
  /** Highest stream version applied. */
  lastVersion: number
  /** Events applied, counting every application: a duplicate effect shows here. */
  eventsApplied: number
  updatedAt: string
}

/** Reads and updates order summaries. */
export interface OrderSummaryRepository {
  /**
   * Applies one event's change atomically: always sets its fields and increments `eventsApplied`;
   * adds its payment only the first time its version is applied; moves `status`/`lastVersion` only
   * when the event is newer than the last one applied.
   */
  apply(change: SummaryChange): Promise<void>
  /** The summary of `orderId`, or `undefined` when no event has been applied yet. */
  get(orderId: string): Promise<OrderSummary | undefined>
}
