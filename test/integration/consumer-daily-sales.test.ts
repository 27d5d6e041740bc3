/**
 * The daily-sales consumer on the embedded DynamoDB: per UTC day and currency, the orders placed and
 * their value, the payments and their amount, summed as decimals, each event counted once however
 * often it is delivered.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { salesReport } from '../../functions/backbone.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import type { ConsumerHandler } from '../../shared/consumer/define-consumer.ts'
import { toCloudEvent } from '../../shared/events/envelope.ts'
import { consumerEnvironment } from '../helpers/consumer-env.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { sqsRecord, testContext } from '../helpers/lambda-events.ts'
import { createQueue, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

let sequence = 0
const event = (type: string, data: Record<string, unknown>, time: string) => {
  sequence++
  return toCloudEvent(
    {
      streamId: `order-${String(data.orderId)}`,
      version: 1,
      id: `sale-${sequence}`,
      type,
      schemaVersion: type === 'OrderPlaced' ? 2 : 1,
      data,
      metadata: {},
      time,
    },
    { source: 'urn:test' },
  )
}
const placed = (orderId: string, currency: string, unitPrice: number, time: string) =>
  event(
    'OrderPlaced',
    { orderId, customerId: 'c-1', items: [{ sku: 'a', quantity: 1, unitPrice }], currency },
    time,
  )
const paid = (orderId: string, currency: string, amount: number, time: string) =>
  event('OrderPaid', { orderId, amount, currency }, time)

describe('the daily-sales consumer on the embedded DynamoDB', () => {
  let db: TestDynamoDB
  let snsSqs: TestSnsSqs
  let dailySales: ConsumerHandler
  let doc: ReturnType<typeof createDocumentClient>
  const ctx = testContext('daily-sales')
  const deliver = (...events: unknown[]) =>
    dailySales({ Records: events.map((e) => sqsRecord(e, { queue: 'daily-sales' })) }, ctx)
  const day = async (date: string, currency: string) =>
    (
      await doc.send(
        new GetCommand({
          TableName: salesReport.name,
          Key: { pk: `day#${date}`, sk: currency },
          ConsistentRead: true,
        }),
      )
    ).Item

  before(async () => {
    db = await startTestDynamoDB()
    snsSqs = await startTestSnsSqs()
    await createConsumerTables(db.dynamodb, 'dedup', [salesReport])
    doc = createDocumentClient(db.dynamodb)
    const dlq = await createQueue(snsSqs.sqs, 'daily-sales-dlq')
    Object.assign(
      process.env,
      consumerEnvironment({
        dynamodbEndpoint: db.engine.endpoint,
        sqsEndpoint: snsSqs.engine.endpoint,
        dlqUrl: dlq.url,
        dedupTableName: 'dedup',
      }),
    )
    dailySales = (await import('../../functions/consumers/daily-sales.ts')).handler
  })

  after(async () => {
    await snsSqs.stop()
    await db.stop()
  })

  it('sums orders and payments per UTC day and currency, as exact decimals', async () => {
    const morning = '2026-05-04T08:00:00.000Z'
    // 23:30 the day before in UTC, though the offset says the 4th.
    const lateUtc = '2026-05-04T01:30:00+02:00'
    const result = await deliver(
      placed('1', 'EUR', 0.1, morning),
      placed('2', 'EUR', 0.2, morning),
      paid('1', 'EUR', 0.1, morning),
      paid('2', 'EUR', 0.2, morning),
      paid('3', 'USD', 5, morning),
      paid('4', 'EUR', 7.5, lateUtc),
    )
    assert.deepEqual(result, { batchItemFailures: [] })
    const eur = await day('2026-05-04', 'EUR')
    // 0.1 + 0.2 in binary floating point would be 0.30000000000000004.
    assert.deepEqual(
      {
        ordersPlaced: eur?.ordersPlaced,
        orderedAmount: eur?.orderedAmount,
        payments: eur?.payments,
        paidAmount: eur?.paidAmount,
      },
      { ordersPlaced: 2, orderedAmount: 0.3, payments: 2, paidAmount: 0.3 },
    )
    assert.equal((await day('2026-05-04', 'USD'))?.paidAmount, 5)
    assert.equal((await day('2026-05-04', 'USD'))?.ordersPlaced, undefined)
    assert.deepEqual(
      {
        payments: (await day('2026-05-03', 'EUR'))?.payments,
        paidAmount: (await day('2026-05-03', 'EUR'))?.paidAmount,
      },
      { payments: 1, paidAmount: 7.5 },
    )
  })

  it('counts an event once however often it is delivered (the live delivery and the catch-up)', async () => {
    const time = '2026-06-01T12:00:00.000Z'
    const payment = paid('5', 'JPY', 1200, time)
    assert.deepEqual(await deliver(payment), { batchItemFailures: [] })
    assert.deepEqual(await deliver({ ...payment, replay: true }, payment), { batchItemFailures: [] })
    const jpy = await day('2026-06-01', 'JPY')
    assert.deepEqual(
      { payments: jpy?.payments, paidAmount: jpy?.paidAmount },
      { payments: 1, paidAmount: 1200 },
    )
  })
})
