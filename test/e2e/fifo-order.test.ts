/**
 * Per-stream order end to end on the local runtime: notes published on many streams at once go
 * HTTP → store → relay → FIFO topic → FIFO queue → order-history, and every order's history holds
 * its lines in stream order, each once. order-history refuses a line older than the last one it
 * wrote, so an event overtaking an earlier one would leave a line missing and a message in the DLQ.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { orderHistory } from '../../functions/backbone.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { inBoundedParallel, newOrder, publish } from '../helpers/orders.ts'
import { allQueuesEmpty } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const STREAMS = 50
const NOTES = 20

const noteAdded = (orderId: string, n: number) => ({
  type: 'OrderNoteAdded',
  data: { orderId, author: 'support', text: `note ${n}` },
})

describe('per-stream order on the local runtime', () => {
  let t: TestStack
  before(async () => {
    t = await startTestStack()
  })
  after(() => t?.stop())

  const historyOf = async (orderId: string) => {
    const { Items = [] } = await t.db.send(
      new QueryCommand({
        TableName: orderHistory.name,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `order#${orderId}` },
        ConsistentRead: true,
      }),
    )
    return Items
  }

  it(`delivers ${STREAMS} streams × ${NOTES} notes to the FIFO consumer, each stream in version order and once`, async () => {
    const orders = Array.from({ length: STREAMS }, () => newOrder())
    // One request per note, streams interleaved: the relay sees many streams in each stream batch.
    const requests = Array.from({ length: NOTES }, (_, n) => orders.map((o) => ({ ...o, n: n + 1 }))).flat()
    const perStream = new Map<string, Promise<unknown>>()
    const settled = await inBoundedParallel(requests, 10, async ({ orderId, streamId, n }) => {
      // A stream's notes are published one after the other, so its versions follow n.
      const previous = perStream.get(streamId) ?? Promise.resolve()
      const current = previous.then(() => publish(t.stack.urls.http, streamId, [noteAdded(orderId, n)]))
      perStream.set(streamId, current)
      return current
    })
    assert.deepEqual(
      settled.filter((s) => s.status === 'rejected'),
      [],
    )
    for (const { orderId } of orders) {
      await until(
        `the history of order ${orderId}`,
        async () => (await historyOf(orderId)).find((i) => i.sk === 'head')?.lines,
        (n) => n === NOTES,
        { timeoutMs: 90_000 },
      )
    }
    const status = await until('every queue empty', () => t.status(), allQueuesEmpty)
    assert.deepEqual(status.eventSources['order-history']?.dlq, { visible: 0, inFlight: 0 })
    for (const { orderId } of orders) {
      const items = await historyOf(orderId)
      const lines = items.filter((i) => i.sk !== 'head')
      assert.deepEqual(
        lines.map((l) => l.text),
        Array.from({ length: NOTES }, (_, n) => `note ${n + 1}`),
      )
      assert.deepEqual(
        items.find((i) => i.sk === 'head'),
        {
          pk: `order#${orderId}`,
          sk: 'head',
          lastVersion: NOTES,
          lines: NOTES,
        },
      )
    }
  })
})
