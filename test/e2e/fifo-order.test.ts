/**
 * Per-stream order end to end on the local runtime: notes published on many streams at once go
 * HTTP → store → relay → FIFO topic → FIFO queue → order-history, and every order's history holds
 * its lines in stream order, each once. order-history refuses a line older than the last one it
 * wrote, so an event overtaking an earlier one would leave a line missing and a message in the DLQ.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertHistoriesInOrder } from '../helpers/fifo-history.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { publishNotes } from '../helpers/notes.ts'
import { newOrder } from '../helpers/orders.ts'
import { allQueuesEmpty } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const STREAMS = 50
const NOTES = 20

describe('per-stream order on the local runtime', () => {
  let t: TestStack
  before(async () => {
    t = await startTestStack()
  })
  after(() => t?.stop())

  it(`delivers ${STREAMS} streams × ${NOTES} notes to the FIFO consumer, each stream in version order and once`, async () => {
    const orders = Array.from({ length: STREAMS }, () => newOrder())
    assert.deepEqual(await publishNotes(t.stack.urls.http, orders, NOTES), [])
    await assertHistoriesInOrder(t.db, orders, NOTES)
    const status = await until('every queue empty', () => t.status(), allQueuesEmpty)
    assert.deepEqual(status.eventSources['order-history']?.dlq, { visible: 0, inFlight: 0 })
  })
})
