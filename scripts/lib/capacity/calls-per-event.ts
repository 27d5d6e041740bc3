/**
 * The AWS calls each path makes, as `npm run bench -- --only=calls` counts them (an SDK middleware on
 * the real function modules, `bench/calls/`). `test/integration/capacity-calls.test.ts` runs that
 * bench part and fails when these numbers drift from what it measures, so the cost model is computed
 * from measured calls. What a call writes (items per call) is the code's, in `items`.
 */

/** Commands per unit (per request or per event), by command name without `Command`. */
export type CallCounts = Readonly<Record<string, number>>

export interface MeasuredPath {
  /** The bench figure whose note lists these calls. */
  readonly figure: string
  readonly per: 'request' | 'event'
  readonly calls: CallCounts
}

/** Last measured 2026-12-01 (bench `calls` part, 50 requests a variant). */
export const measuredCalls = {
  /** One event, no Idempotency-Key: a Query of the stream's head, then one conditional PutItem. */
  publish: {
    figure: 'publish: write calls per request (1 event)',
    per: 'request',
    calls: { Query: 1, PutItem: 1 },
  },
  /** Three events with an Idempotency-Key: the guard's GetItem, the head's Query, one transaction. */
  publishWithKey: {
    figure: 'publish: write calls per request (3 events, Idempotency-Key)',
    per: 'request',
    calls: { GetItem: 1, Query: 1, TransactWriteItems: 1 },
  },
  relay: {
    figure: 'relay: PublishBatch calls per event (100-record batches)',
    per: 'event',
    calls: { PublishBatch: 0.1 },
  },
  /** order-summary: its effect and dedup record in one TransactWriteItems. */
  consume: {
    figure: 'consume (order-summary, transactional effects): calls per event',
    per: 'event',
    calls: { TransactWriteItems: 1 },
  },
  /** order-history (FIFO, transactional): its line, its head and the dedup record in one transaction. */
  consumeHistory: {
    figure: 'consume (order-history, FIFO, transactional effects): calls per event',
    per: 'event',
    calls: { TransactWriteItems: 1 },
  },
  /** daily-sales: its day's update and the dedup record in one TransactWriteItems. */
  consumeDailySales: {
    figure: 'consume (daily-sales, transactional effects): calls per event',
    per: 'event',
    calls: { TransactWriteItems: 1 },
  },
  /** shipping-notifier (claim / complete): the claim, the handler's own write, the completion. */
  consumeClaimComplete: {
    figure: 'consume (shipping-notifier, claim / complete): calls per event',
    per: 'event',
    calls: { PutItem: 3 },
  },
} as const satisfies Record<string, MeasuredPath>

/**
 * Items each write call touches, from the code (the bench counts calls, not items): publish's PutItem
 * writes one event item (`shared/store/dynamodb/write-events.ts`); the keyed transaction writes the
 * guard and each event; the consumer's transaction writes its effect (one update for order-summary)
 * and the dedup record (`shared/consumer/dynamodb/commit-effect.ts`). Every event item also lands in
 * the `byTime` index; guards and the dedup records do not (sparse index, other table).
 */
export const itemsPerCall = {
  publishPut: { items: 1, indexed: 1 },
  publishWithKeyTransaction: { items: 4, indexed: 3, events: 3 },
  consumeTransaction: { items: 2, indexed: 0 },
  /** order-history's transaction: the line, the head and the dedup record (`shared/domain/order/history/`). */
  historyTransaction: { items: 3, indexed: 0 },
  /** Claim, the notification item, complete: one small item each (`dynamodb-dedup-store.ts`). */
  claimCompletePut: { items: 1, indexed: 0 },
} as const
