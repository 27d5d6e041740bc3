import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Logger } from '@aws-lambda-powertools/logger'
import { Metrics } from '@aws-lambda-powertools/metrics'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { readModel } from '../../functions/backbone.ts'
import { registry } from '../../functions/domain.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import { DedupTableSchema, dedupKey } from '../../shared/consumer/dynamodb/dedup-table-schema.ts'
import { DynamoDBDedupStore } from '../../shared/consumer/dynamodb/dynamodb-dedup-store.ts'
import { SqsDeadLetterChannel } from '../../shared/consumer/sqs/sqs-dead-letter-channel.ts'
import type { EventMapOf } from '../../shared/consumer/types.ts'
import type { OrderPaid } from '../../shared/domain/order/events.ts'
import { type CloudEvent, versionToSequence } from '../../shared/events/envelope.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { sqsRecord, testContext } from '../helpers/lambda-events.ts'
import { createQueue, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

type Events = EventMapOf<typeof OrderPaid>
const CONSUMER = 'it-consumer'

const context = testContext(CONSUMER)

const paid = (
  id: string,
  extensions: Record<string, unknown> = {},
): CloudEvent & Record<string, unknown> => ({
  specversion: '1.0',
  id,
  source: 'urn:test',
  type: 'OrderPaid',
  subject: 'order-1',
  time: '2025-01-02T03:04:05.000Z',
  datacontenttype: 'application/json',
  data: { orderId: '1', amount: 10, currency: 'EUR' },
  sequence: versionToSequence(2),
  schemaversion: 1,
  ...extensions,
})

const record = (body: unknown) =>
  sqsRecord(body, {
    queue: CONSUMER,
    messageAttributes: {
      type: { dataType: 'String', stringValue: 'OrderPaid' },
      subject: { dataType: 'String', stringValue: 'order-1' },
    },
  })

describe('consumer middleware on the embedded engines', () => {
  let db: TestDynamoDB
  let dynamo: DynamoDBClient
  let snsSqs: TestSnsSqs
  let dlqUrl: string

  before(async () => {
    db = await startTestDynamoDB()
    dynamo = db.dynamodb
    await createConsumerTables(dynamo, 'dedup', [readModel])
    snsSqs = await startTestSnsSqs()
    dlqUrl = (await createQueue(snsSqs.sqs, `${CONSUMER}-dlq`)).url
  })

  after(async () => {
    await snsSqs.stop()
    await db.stop()
  })

  /** A consumer on the real adapters whose OrderPaid handler is `onPaid`. */
  const consumer = (onPaid: (event: CloudEvent<Events['OrderPaid']>) => Promise<void>) =>
    defineConsumer<Events, undefined>(
      { name: CONSUMER, registry, handlers: { OrderPaid: (event) => onPaid(event) } },
      {
        deps: undefined,
        runtime: {
          registry,
          dedup: new DynamoDBDedupStore({ client: createDocumentClient(dynamo), tableName: 'dedup' }),
          deadLetters: new SqsDeadLetterChannel({ client: snsSqs.sqs, queueUrl: dlqUrl }),
          logger: new Logger({ serviceName: CONSUMER, logLevel: 'SILENT' }),
          metrics: new Metrics({ namespace: 'Test', serviceName: CONSUMER }),
        },
      },
    )

  const dedupItem = async (eventId: string) =>
    (
      await createDocumentClient(dynamo).send(
        new GetCommand({
          TableName: 'dedup',
          Key: { [DedupTableSchema.partitionKey]: dedupKey(CONSUMER, eventId) },
          ConsistentRead: true,
        }),
      )
    ).Item

  it('runs the handler once when the same event is delivered twice', async () => {
    let runs = 0
    const handler = consumer(async () => {
      runs += 1
    })
    const first = await handler({ Records: [record(paid('dup-1'))] }, context)
    const second = await handler({ Records: [record(paid('dup-1'))] }, context)
    assert.deepEqual(first, { batchItemFailures: [] })
    assert.deepEqual(second, { batchItemFailures: [] })
    assert.equal(runs, 1)
    assert.equal((await dedupItem('dup-1'))?.status, 'COMPLETED')
  })

  it('reports a handler failure as a batch item failure and clears the marker so a retry runs', async () => {
    let attempts = 0
    const handler = consumer(async () => {
      attempts += 1
      if (attempts === 1) throw new Error('downstream unavailable')
    })
    const failing = record(paid('retry-1'))
    const first = await handler({ Records: [failing] }, context)
    assert.deepEqual(first, { batchItemFailures: [{ itemIdentifier: failing.messageId }] })
    assert.equal(await dedupItem('retry-1'), undefined)
    const retry = await handler(
      { Records: [{ ...failing, attributes: { ...failing.attributes, ApproximateReceiveCount: '2' } }] },
      context,
    )
    assert.deepEqual(retry, { batchItemFailures: [] })
    assert.equal(attempts, 2)
  })

  it('sends a poison message to the DLQ with its reason and does not report it as a failure', async () => {
    let runs = 0
    const handler = consumer(async () => {
      runs += 1
    })
    const poison = record(paid('poison-1', { data: { orderId: '1', amount: 10, currency: 'euro' } }))
    const result = await handler({ Records: [poison] }, context)
    assert.deepEqual(result, { batchItemFailures: [] })
    assert.equal(runs, 0)
    const { Messages = [] } = await snsSqs.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    )
    assert.equal(Messages.length, 1)
    const [message] = Messages
    assert.equal(message?.Body, poison.body)
    assert.equal(message?.MessageAttributes?.['failure-type']?.StringValue, 'SchemaViolation')
    assert.match(message?.MessageAttributes?.['failure-reason']?.StringValue ?? '', /data\.currency/)
    assert.equal(message?.MessageAttributes?.type?.StringValue, 'OrderPaid')
    await snsSqs.sqs.send(
      new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message?.ReceiptHandle }),
    )
  })

  it('runs the handler again for a replay that asks to reprocess, and not for a plain replay', async () => {
    let runs = 0
    const handler = consumer(async () => {
      runs += 1
    })
    await handler({ Records: [record(paid('replay-1'))] }, context)
    await handler({ Records: [record(paid('replay-1', { replay: true }))] }, context)
    assert.equal(runs, 1)
    const result = await handler(
      { Records: [record(paid('replay-1', { replay: true, reprocess: true }))] },
      context,
    )
    assert.deepEqual(result, { batchItemFailures: [] })
    assert.equal(runs, 2)
  })
})
