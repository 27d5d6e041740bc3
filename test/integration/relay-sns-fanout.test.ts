import assert from 'node:assert/strict'
import { type AddressInfo, createServer } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns'
import { marshall } from '@aws-sdk/util-dynamodb'
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda'
import { SnsTopicPublisher } from '../../shared/channels/sns/sns-topic-publisher.ts'
import { relayBatch } from '../../shared/relay/relay-batch.ts'
import { createQueue, receiveAll, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

let sequence = 1000
/** A DynamoDB stream record in the shape Lambda delivers (test/fixtures/aws-events/dynamodb-base.json). */
const streamRecord = (eventName: 'INSERT' | 'MODIFY', item: Record<string, unknown>): DynamoDBRecord => ({
  eventID: String(sequence),
  eventName,
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: {
    Keys: marshall({ streamId: item.streamId, version: item.version }) as never,
    NewImage: marshall(item) as never,
    SequenceNumber: String(sequence++),
    SizeBytes: 200,
    StreamViewType: 'NEW_IMAGE',
  },
  eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/events/stream/2026-01-01T00:00:00.000',
})

const insert = (streamId: string, version: number, type: string) =>
  streamRecord('INSERT', {
    streamId,
    version,
    eventId: `${streamId}-${version}`,
    type,
    schemaVersion: 1,
    data: { orderId: streamId },
    metadata: {},
    time: '2026-03-04T05:06:07.000Z',
    timeBucket: '2026-03-04',
    timeKey: `2026-03-04T05:06:07.000Z#${streamId}#${String(version).padStart(10, '0')}`,
  })

const guard = () => streamRecord('INSERT', { streamId: '_idempotency#k1', version: 0, requestHash: 'h' })

/** A port that was just free and is closed again, so a connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

const context = {
  functionName: 'relay',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as Context

describe('relay to the embedded SNS/SQS', () => {
  let env: TestSnsSqs
  let topicArn: string
  let handler: (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>

  async function subscribedQueue(name: string, topic: string, filterPolicy?: object) {
    const queue = await createQueue(env.sqs, name)
    const Attributes: Record<string, string> = { RawMessageDelivery: 'true' }
    if (filterPolicy) Attributes.FilterPolicy = JSON.stringify(filterPolicy)
    await env.sns.send(
      new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queue.arn, Attributes }),
    )
    return queue
  }

  before(async () => {
    env = await startTestSnsSqs()
    const created = await env.sns.send(new CreateTopicCommand({ Name: 'orders' }))
    assert.ok(created.TopicArn)
    topicArn = created.TopicArn
    // The handler reads its configuration once, at import: set it first.
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_SNS: env.engine.endpoint,
      EVENT_SOURCE: 'urn:test:relay',
      TOPIC_ARNS: JSON.stringify({ orders: topicArn }),
      EVENT_ROUTES: JSON.stringify({ routes: {}, defaultTopic: 'orders' }),
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    })
    ;({ handler } = await import('../../functions/relay.ts'))
  })
  after(() => env.stop())

  it('publishes every inserted event to its topic, raw, with the filter attributes, skipping guards and MODIFY', async () => {
    const all = await subscribedQueue('relay-all', topicArn)
    const shipped = await subscribedQueue('relay-shipped', topicArn, { type: ['OrderShipped'] })
    const records = [
      insert('order-1', 1, 'OrderPlaced'),
      guard(),
      insert('order-1', 2, 'OrderShipped'),
      streamRecord('MODIFY', { streamId: 'order-1', version: 1, eventId: 'x' }),
    ]
    const response = await handler({ Records: records }, context)
    assert.deepEqual(response, { batchItemFailures: [] })

    const received = await receiveAll(env.sqs, all.url)
    const bodies = received.map((m) => JSON.parse(m.Body ?? '{}'))
    assert.deepEqual(bodies.map((b) => b.id).sort(), ['order-1-1', 'order-1-2'])
    const placed = bodies.find((b) => b.id === 'order-1-1')
    assert.equal(placed.specversion, '1.0')
    assert.equal(placed.source, 'urn:test:relay')
    assert.equal(placed.subject, 'order-1')
    const attributes = received.find((m) => m.Body?.includes('order-1-1'))?.MessageAttributes
    assert.deepEqual(
      Object.fromEntries(Object.entries(attributes ?? {}).map(([k, v]) => [k, [v.DataType, v.StringValue]])),
      {
        type: ['String', 'OrderPlaced'],
        subject: ['String', 'order-1'],
        schemaversion: ['Number', '1'],
        replay: ['String', 'false'],
      },
    )
    const filtered = await receiveAll(env.sqs, shipped.url)
    assert.deepEqual(
      filtered.map((m) => JSON.parse(m.Body ?? '{}').id),
      ['order-1-2'],
    )
  })

  it('reports the earliest record of a topic that rejects its entries, and still publishes the others', async () => {
    const queue = await subscribedQueue('relay-partial', topicArn)
    const missing = 'arn:aws:sns:us-east-1:000000000000:does-not-exist'
    const records = [
      insert('order-2', 1, 'OrderPlaced'),
      insert('invoice-2', 1, 'InvoiceIssued'),
      insert('order-2', 2, 'OrderPaid'),
      insert('invoice-2', 2, 'InvoiceIssued'),
    ]
    const outcome = await relayBatch(records, {
      publisher: new SnsTopicPublisher(env.sns),
      topicArnFor: (type) => (type === 'InvoiceIssued' ? missing : topicArn),
      source: 'urn:test',
    })
    assert.deepEqual(outcome.response, {
      batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }],
    })
    const received = await receiveAll(env.sqs, queue.url)
    assert.deepEqual(received.map((m) => JSON.parse(m.Body ?? '{}').id).sort(), ['order-2-1', 'order-2-2'])
  })

  it('reports the first record of the batch when SNS cannot be reached', async () => {
    const down = new SNSClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    })
    const records = [guard(), insert('order-3', 1, 'OrderPlaced'), insert('order-3', 2, 'OrderPaid')]
    try {
      const outcome = await relayBatch(records, {
        publisher: new SnsTopicPublisher(down),
        topicArnFor: () => topicArn,
        source: 'urn:test',
      })
      assert.deepEqual(outcome.response, {
        batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }],
      })
      assert.equal(outcome.failures.length, 2)
    } finally {
      down.destroy()
    }
  })
})
