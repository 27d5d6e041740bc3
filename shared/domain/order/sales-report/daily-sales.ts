/**
 * The daily sales report, pure: per UTC day (of the event's time) and currency, the orders placed and
 * their value, and the payments received and their amount. Each event adds to one item with DynamoDB's
 * ADD, which adds decimals exactly (12.1 + 0.2 is 12.3 there, unlike in JavaScript), so the figures
 * are the exact sums whatever the order of arrival: the report needs no ordering, only each event
 * counted once, which the consumer's transactional effect gives.
 *
 * OrderCancelled carries no amount and no currency, so a cancellation cannot be placed in a currency
 * without the order's state; the report counts what was ordered and paid, not what was kept.
 */
import type { CloudEvent } from '../../../events/envelope.ts'
import type { EventData } from '../../../events/event-type.ts'
import type { OrderPaid } from '../order-paid.ts'
import type { OrderPlaced } from '../order-placed.ts'
import { orderTotal } from '../total.ts'
import { SalesReportTableSchema } from './table-schema.ts'

const { partitionKey, sortKey } = SalesReportTableSchema

/** The figures one item holds (absent counters are 0). */
export interface DailySales {
  day: string
  currency: string
  ordersPlaced: number
  orderedAmount: number
  payments: number
  paidAmount: number
}

/** The key of a day's figures in one currency; `time` is an event's ISO-8601 time. */
export const salesKey = (time: string, currency: string) => ({
  [partitionKey]: `day#${dayOf(time)}`,
  [sortKey]: currency,
})

/** The UTC day (YYYY-MM-DD) of an ISO-8601 time, whatever its offset. */
export const dayOf = (time: string): string => new Date(Date.parse(time)).toISOString().slice(0, 10)

/** The write an OrderPlaced adds to its day: one more order, its total. */
export function orderPlacedWrite(tableName: string, event: CloudEvent<EventData<typeof OrderPlaced>>) {
  const { currency, items } = event.data
  return addTo(tableName, event.time, currency, { ordersPlaced: 1, orderedAmount: orderTotal(items) })
}

/** The write an OrderPaid adds to its day: one more payment, its amount. */
export function orderPaidWrite(tableName: string, event: CloudEvent<EventData<typeof OrderPaid>>) {
  const { currency, amount } = event.data
  return addTo(tableName, event.time, currency, { payments: 1, paidAmount: amount })
}

/** One UpdateItem adding `amounts` (attribute → number) to the item of `time`'s day and `currency`. */
function addTo(tableName: string, time: string, currency: string, amounts: Record<string, number>) {
  const fields = Object.entries(amounts)
  return {
    Update: {
      TableName: tableName,
      Key: salesKey(time, currency),
      UpdateExpression: `SET #day = :day, #currency = :currency ADD ${fields.map(([f]) => `#${f} :${f}`).join(', ')}`,
      ExpressionAttributeNames: {
        '#day': 'day',
        '#currency': 'currency',
        ...Object.fromEntries(fields.map(([f]) => [`#${f}`, f])),
      },
      ExpressionAttributeValues: {
        ':day': dayOf(time),
        ':currency': currency,
        ...Object.fromEntries(fields.map(([f, v]) => [`:${f}`, v])),
      },
    },
  }
}
