/**
 * Transactional effects on the embedded DynamoDB: the effect and the dedup record commit in one
 * TransactWriteItems, so either both are written or neither, and an event's effect happens once.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { orderHistory, readModel } from '../../functions/backbone.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import type { ConsumerHandler } from '../../shared/consumer/define-consumer.ts'
import { dedupKey } from '../../shared/consumer/dynamodb/dedup-table-schema.ts'
import { toCloudEvent } from '../../shared/events/envelope.ts'
import { consumerEnvironment } from '../helpers/consumer-env.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { sqsRecord, testContext } from '../helpers/lambda-events.ts'
import { createQueue, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

const event = (orderId: string, version: number, type: string, data: unknown) =>
  toCloudEvent(
    {
      streamId: `order-${orderId}`,
      version,
      id: `order-${orderId}-v${version}`,
      type,
      schemaVersion: 1,
      data,
      metadata: {},
      time: `2025-01-02T03:04:0${version}.000Z`,
    },
    { source: 'urn:test' },
  )

const note = (orderId: string, version: number) =>
  event(orderId, version, 'OrderNoteAdded', { orderId, author: 'support', text: `line ${version}` })
const paid = (orderId: string, version: number) =>
  event(orderId, version, 'OrderPaid', { orderId, amount: 10.1, currency: 'EUR' })
const reprocessed = (e: object) => ({ ...e, replay: true, reprocess: true })

describe('transactional effects on the embedded DynamoDB', () => {
  let db: TestDynamoDB
  let snsSqs: TestSnsSqs
  let orderSummary: ConsumerHandler
  let history: ConsumerHandler
  let doc: ReturnType<typeof createDocumentClient>

  before(async () => {
    db = await startTestDynamoDB()
    snsSqs = await startTestSnsSqs()
    await createConsumerTables(db.dynamodb, 'dedup', [readModel, orderHistory])
    doc = createDocumentClient(db.dynamodb)
    const dlq = await createQueue(snsSqs.sqs, 'consumers-dlq')
    Object.assign(
      process.env,
      consumerEnvironment({
        dynamodbEndpoint: db.engine.endpoint,
        sqsEndpoint: snsSqs.engine.endpoint,
        dlqUrl: dlq.url,
        dedupTableName: 'dedup',
      }),
    )
    orderSummary = (await import('../../functions/consumers/order-summary.ts')).handler
    history = (await import('../../functions/consumers/order-history.ts')).handler
  })

  after(async () => {
    await snsSqs.stop()
    await db.stop()
  })

  const summary = async (orderId: string) =>
    (
      await doc.send(
        new GetCommand({ TableName: readModel.name, Key: { pk: `order#${orderId}`, sk: 'summary' } }),
      )
    ).Item
  const dedupRecord = async (consumer: string, eventId: string) =>
    (await doc.send(new GetCommand({ TableName: 'dedup', Key: { pk: dedupKey(consumer, eventId) } }))).Item
  const lines = async (orderId: string) =>
    (
      await doc.send(
        new QueryCommand({
          TableName: orderHistory.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :line)',
          ExpressionAttributeValues: { ':pk': `order#${orderId}`, ':line': 'line#' },
        }),
      )
    ).Items ?? []

  it('applies an event once however often it is delivered, and again when a replay asks to reprocess it', async () => {
    const ctx = testContext('order-summary')
    const payment = paid('t1', 1)
    const send = (body: unknown) =>
      orderSummary({ Records: [sqsRecord(body, { queue: 'order-summary' })] }, ctx)
    for (let delivery = 0; delivery < 3; delivery++)
      assert.deepEqual(await send(payment), { batchItemFailures: [] })
    assert.equal((await summary('t1'))?.eventsApplied, 1)
    assert.equal((await dedupRecord('order-summary', payment.id))?.status, 'COMPLETED')
    assert.deepEqual(await send(reprocessed(payment)), { batchItemFailures: [] })
    const after = await summary('t1')
    assert.equal(after?.eventsApplied, 2, 'reprocessing applies the effect again')
    assert.equal(after?.amountPaid, 10.1, 'a payment is still added once per version')
  })

  it('writes neither the effect nor the dedup record when a condition of the effect refuses it', async () => {
    const ctx = testContext('order-history')
    const send = (...bodies: unknown[]) =>
      history(
        { Records: bodies.map((b) => sqsRecord(b, { queue: 'order-history.fifo', groupId: 'order-t2' })) },
        ctx,
      )
    assert.deepEqual(await send(note('t2', 2)), { batchItemFailures: [] })
    // An older line after a newer one: the head refuses it, and its line is not written either.
    const late = sqsRecord(note('t2', 1), { queue: 'order-history.fifo', groupId: 'order-t2' })
    assert.deepEqual(await history({ Records: [late] }, ctx), {
      batchItemFailures: [{ itemIdentifier: late.messageId }],
    })
    assert.deepEqual(
      (await lines('t2')).map((l) => l.version),
      [2],
    )
    assert.equal(await dedupRecord('order-history', note('t2', 1).id), undefined)
  })

  it('appends a FIFO batch line by line in stream order, and fails the rest of a group after a failure while other groups go on', async () => {
    const ctx = testContext('order-history')
    const rec = (orderId: string, version: number) =>
      sqsRecord(note(orderId, version), { queue: 'order-history.fifo', groupId: `order-${orderId}` })
    // t3 already holds line 5, so its line 3 is refused and its line 4 is not even tried.
    await history({ Records: [rec('t3', 5)] }, ctx)
    const batch = [rec('t4', 1), rec('t3', 3), rec('t4', 2), rec('t3', 4), rec('t4', 3)]
    const result = await history({ Records: batch }, ctx)
    assert.deepEqual(
      result.batchItemFailures.map((f) => f.itemIdentifier),
      [batch[1]?.messageId, batch[3]?.messageId],
    )
    assert.deepEqual(
      (await lines('t4')).map((l) => l.version),
      [1, 2, 3],
    )
    assert.equal(await dedupRecord('order-history', note('t3', 4).id), undefined, 'line 4 of t3 never ran')
  })
})
