/**
 * Sales for the daily-sales tests: orders in several currencies with amounts whose binary sums drift
 * (0.1, 0.2, ...), what the report should hold for them, and what it holds (summed over its days, so
 * a test crossing midnight UTC still compares the same totals).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { paginateScan } from '@aws-sdk/lib-dynamodb'
import { salesReport } from '../../functions/backbone.ts'
import type { NewEvent } from './orders.ts'

const CURRENCIES = ['EUR', 'USD', 'JPY'] as const

/** Totals per currency; amounts in cents, so the expected sums are exact. */
export interface CurrencyTotals {
  ordersPlaced: number
  orderedCents: number
  payments: number
  paidCents: number
}

export type SalesTotals = Record<string, CurrencyTotals>

/** The totals of `currency` in `totals`, added at zero when absent. */
function totalsOf(totals: SalesTotals, currency: string): CurrencyTotals {
  const existing = totals[currency]
  if (existing) return existing
  const created = { ordersPlaced: 0, orderedCents: 0, payments: 0, paidCents: 0 }
  totals[currency] = created
  return created
}

/** The n-th sale: an order of 3 × 0.1n and a payment of 0.1n + 0.2, in one of three currencies. */
export function sale(n: number, orderId: string): { events: NewEvent[]; currency: string } {
  const currency = CURRENCIES[n % CURRENCIES.length] ?? 'EUR'
  const tenths = (n % 7) + 1
  const unitPrice = tenths / 10
  const items = [{ sku: `SKU-${n}`, quantity: 3, unitPrice }]
  const placed = { type: 'OrderPlaced', data: { orderId, customerId: `c-${n}`, items, currency } }
  const paid = { type: 'OrderPaid', data: { orderId, amount: (tenths + 2) / 10, currency } }
  return { events: [placed, paid], currency }
}

/** Adds the n-th sale to `totals` as the report should count it (once). */
export function addSale(totals: SalesTotals, n: number): void {
  const { currency } = sale(n, 'x')
  const tenths = (n % 7) + 1
  const t = totalsOf(totals, currency)
  t.ordersPlaced += 1
  t.orderedCents += 3 * tenths * 10
  t.payments += 1
  t.paidCents += (tenths + 2) * 10
}

/** What the report holds, per currency over every day. */
export async function reportTotals(db: DynamoDBDocumentClient): Promise<SalesTotals> {
  const totals: SalesTotals = {}
  const pages = paginateScan({ client: db }, { TableName: salesReport.name, ConsistentRead: true })
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const t = totalsOf(totals, String(item.currency))
      t.ordersPlaced += Number(item.ordersPlaced ?? 0)
      t.orderedCents += Math.round(Number(item.orderedAmount ?? 0) * 100)
      t.payments += Number(item.payments ?? 0)
      t.paidCents += Math.round(Number(item.paidAmount ?? 0) * 100)
    }
  }
  return totals
}
