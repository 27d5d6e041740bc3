import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { readModel } from '../../functions/backbone.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import type { ConsumerHandler } from '../../shared/consumer/define-consumer.ts'
import { DynamoDBNotificationRepository } from '../../shared/domain/order/read-model/dynamodb/notification-repository.ts'
import { DynamoDBOrderSummaryRepository } from '../../shared/domain/order/read-model/dynamodb/order-summary-repository.ts'
import { toCloudEvent } from '../../shared/events/envelope.ts'
import { consumerEnvironment } from '../helpers/consumer-env.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { sqsRecord, testContext } from '../helpers/lambda-events.ts'
import { createQueue, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

const orderEvent = (version: number, type: string, schemaVersion: number, data: unknown) =>
  toCloudEvent(
    {
      streamId: 'order-42',
      version,
      id: `order-42-v${version}`,
      type,
      schemaVersion,
      data,
      metadata: {},
      time: `2025-01-02T03:04:0${version}.000Z`,
    },
    { source: 'urn:test' },
  )

const placedV1 = orderEvent(1, 'OrderPlaced', 1, {
  orderId: '42',
  customerId: 'c-7',
  items: [
    { sku: 'book', quantity: 2, unitPrice: 12.5 },
    { sku: 'pen', quantity: 3, unitPrice: 1.1 },
  ],
})
const paid = orderEvent(2, 'OrderPaid', 1, { orderId: '42', amount: 28.3, currency: 'EUR' })
const shipped = orderEvent(3, 'OrderShipped', 1, { orderId: '42', carrier: 'DHL', trackingNumber: 'JD0001' })

const record = (body: unknown) => sqsRecord(body, { queue: 'order-summary' })

describe('example consumers on the embedded engines', () => {
  let db: TestDynamoDB
  let dynamo: DynamoDBClient
  let snsSqs: TestSnsSqs
  let orderSummary: ConsumerHandler
  let shippingNotifier: ConsumerHandler

  before(async () => {
    db = await startTestDynamoDB()
    snsSqs = await startTestSnsSqs()
    dynamo = db.dynamodb
    await createConsumerTables(dynamo, 'dedup', [readModel])
    const dlq = await createQueue(snsSqs.sqs, 'consumers-dlq')
    // The functions read their config from the environment, as on Lambda; this process is theirs.
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
    shippingNotifier = (await import('../../functions/consumers/shipping-notifier.ts')).handler
  })

  after(async () => {
    await snsSqs.stop()
    await db.stop()
  })

  it('order-summary folds a sequence of order events, delivered out of order and twice, into one summary', async () => {
    const ctx = testContext('order-summary')
    // Standard queues do not keep order: the payment arrives first, the placement (stored as v1) last.
    const results = [
      await orderSummary({ Records: [record(paid)] }, ctx),
      await orderSummary({ Records: [record(shipped), record(paid)] }, ctx),
      await orderSummary({ Records: [record(placedV1)] }, ctx),
    ]
    for (const result of results) assert.deepEqual(result, { batchItemFailures: [] })
    const summaries = new DynamoDBOrderSummaryRepository({
      client: createDocumentClient(dynamo),
      tableName: 'read-model',
    })
    const summary = await summaries.get('42')
    assert.deepEqual(
      { ...summary },
      {
        orderId: '42',
        status: 'shipped',
        customerId: 'c-7',
        items: [
          { sku: 'book', quantity: 2, unitPrice: 12.5 },
          { sku: 'pen', quantity: 3, unitPrice: 1.1 },
        ],
        currency: 'EUR',
        total: 28.3,
        amountPaid: 28.3,
        carrier: 'DHL',
        trackingNumber: 'JD0001',
        lastVersion: 3,
        eventsApplied: 3,
        updatedAt: shipped.time,
      },
    )
  })

  it('shipping-notifier records one notification per OrderShipped, however often it is delivered', async () => {
    for (let delivery = 0; delivery < 2; delivery++) {
      const result = await shippingNotifier({ Records: [record(shipped)] }, testContext('shipping-notifier'))
      assert.deepEqual(result, { batchItemFailures: [] })
    }
    const notifications = new DynamoDBNotificationRepository({
      client: createDocumentClient(dynamo),
      tableName: 'read-model',
    })
    assert.deepEqual(await notifications.listForOrder('42'), [
      {
        orderId: '42',
        eventId: shipped.id,
        carrier: 'DHL',
        trackingNumber: 'JD0001',
        shippedAt: shipped.time,
      },
    ])
  })
})
