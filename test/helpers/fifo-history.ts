/**
 * The check both per-stream order tests end with: every order's history holds notes 1..n, each once,
 * and its head says n lines up to version n. order-history refuses a line older than the last it
 * wrote, so an event overtaking an earlier one leaves a line missing (and a message in its DLQ).
 */
import assert from 'node:assert/strict'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { historyOf } from './notes.ts'
import { until } from './wait.ts'

/** Waits until every order's head counts `notes` lines, then asserts the lines and heads exactly. */
export async function assertHistoriesInOrder(
  db: DynamoDBDocumentClient,
  orders: ReadonlyArray<{ orderId: string }>,
  notes: number,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (const { orderId } of orders) {
    await until(
      `the history of order ${orderId}`,
      async () => (await historyOf(db, orderId)).head?.lines,
      (n) => n === notes,
      { timeoutMs: Math.max(1000, deadline - Date.now()) },
    )
  }
  for (const { orderId } of orders) {
    const { lines, head } = await historyOf(db, orderId)
    const expected = Array.from({ length: notes }, (_, n) => n + 1)
    assert.deepEqual(
      lines.map((l) => [l.version, l.text]),
      expected.map((n) => [n, `note ${n}`]),
      `lines of order ${orderId}`,
    )
    assert.deepEqual(head, { pk: `order#${orderId}`, sk: 'head', lastVersion: notes, lines: notes })
  }
}
