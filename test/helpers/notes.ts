/**
 * Order notes (`OrderNoteAdded`, routed to the FIFO topic) for the per-stream order tests: publishing
 * many streams' notes interleaved, each stream's in sequence, and reading what `order-history` wrote.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { orderHistory } from '../../functions/backbone.ts'
import { inBoundedParallel, type NewEvent, publish } from './orders.ts'

export const noteAdded = (orderId: string, n: number): NewEvent => ({
  type: 'OrderNoteAdded',
  data: { orderId, author: 'support', text: `note ${n}` },
})

/**
 * Publishes notes 1..`notes` on every order, one request per note, streams interleaved (so the relay
 * sees many streams in each stream batch) and each stream's notes one after the other (so its
 * versions follow n). Resolves with the requests that failed.
 */
export async function publishNotes(
  httpUrl: string,
  orders: ReadonlyArray<{ orderId: string; streamId: string }>,
  notes: number,
  inFlight = 10,
): Promise<unknown[]> {
  const requests = Array.from({ length: notes }, (_, n) => orders.map((o) => ({ ...o, n: n + 1 }))).flat()
  const perStream = new Map<string, Promise<unknown>>()
  const settled = await inBoundedParallel(requests, inFlight, ({ orderId, streamId, n }) => {
    const previous = perStream.get(streamId) ?? Promise.resolve()
    const current = previous.then(() => publish(httpUrl, streamId, [noteAdded(orderId, n)]))
    perStream.set(streamId, current)
    return current
  })
  return settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []))
}

/** What `order-history` holds for an order: its lines in key order and its head. */
export async function historyOf(
  db: DynamoDBDocumentClient,
  orderId: string,
): Promise<{ lines: Array<Record<string, unknown>>; head: Record<string, unknown> | undefined }> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: orderHistory.name,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `order#${orderId}` },
      ConsistentRead: true,
    }),
  )
  return { lines: Items.filter((i) => i.sk !== 'head'), head: Items.find((i) => i.sk === 'head') }
}
