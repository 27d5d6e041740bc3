import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { marshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'
import { InMemoryChannel } from '../../shared/channels/in-memory/in-memory-channel.ts'
import { ConfigError } from '../../shared/errors.ts'
import { loadRelayConfig, topicArnResolver } from '../../shared/relay/config.ts'
import { MalformedStreamRecordError } from '../../shared/relay/errors.ts'
import { relayBatch } from '../../shared/relay/relay-batch.ts'
import { classifyRecord } from '../../shared/relay/stream-record.ts'
import { toSnapshotItem } from '../../shared/store/dynamodb/items.ts'
import { MalformedEventItemError } from '../../shared/store/errors.ts'

const ORDERS = 'arn:aws:sns:us-east-1:000000000000:orders'

let sequence = 100
/** A stream record in the shape Lambda delivers (see test/fixtures/aws-events/dynamodb-base.json). */
const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: Record<string, unknown>,
): DynamoDBRecord => ({
  eventID: String(sequence),
  eventName,
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: {
    Keys: marshall({ streamId: item.streamId, version: item.version }) as never,
    NewImage: marshall(item, { removeUndefinedValues: true }) as never,
    SequenceNumber: String(sequence++),
    SizeBytes: 100,
    StreamViewType: 'NEW_IMAGE',
  },
  eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/events/stream/x',
})

const eventItem = (streamId: string, version: number, type = 'OrderPlaced') => ({
  streamId,
  version,
  eventId: `${streamId}-v${version}`,
  type,
  schemaVersion: 1,
  data: { orderId: streamId },
  metadata: { correlationid: 'corr-1' },
  time: '2026-01-02T03:04:05.000Z',
  timeBucket: '2026-01-02',
  timeKey: `2026-01-02T03:04:05.000Z#${streamId}#${version}`,
})

const deps = (channel: InMemoryChannel) => ({
  publisher: channel,
  topicArnFor: () => ORDERS,
  source: 'urn:test',
})

describe('relayBatch', () => {
  it('publishes each INSERTed event as a CloudEvent, in stream order, skipping guards and MODIFY/REMOVE', async () => {
    const channel = new InMemoryChannel()
    const records = [
      record('INSERT', eventItem('order-1', 1)),
      record('INSERT', { streamId: '_idem#key-1', version: 0, expiresAt: 1 }),
      record('MODIFY', eventItem('order-1', 1)),
      record('INSERT', eventItem('order-1', 2, 'OrderPaid')),
      record('REMOVE', eventItem('order-9', 1)),
    ]
    const outcome = await relayBatch(records, deps(channel))
    assert.deepEqual(outcome.response, { batchItemFailures: [] })
    assert.equal(outcome.published, 2)
    assert.equal(outcome.skipped, 3)
    const sent = channel.sent.map((s) => s.envelope)
    assert.deepEqual(
      sent.map((e) => [e.id, e.type, e.subject, e.sequence]),
      [
        ['order-1-v1', 'OrderPlaced', 'order-1', '0000000001'],
        ['order-1-v2', 'OrderPaid', 'order-1', '0000000002'],
      ],
    )
    assert.equal(sent[0]?.source, 'urn:test')
    assert.equal(sent[0]?.correlationid, 'corr-1')
  })

  it('skips snapshot items: a state kept beside a stream is never published as an event', async () => {
    const channel = new InMemoryChannel()
    const snapshot = toSnapshotItem({
      streamId: 'order-1',
      version: 100,
      reducerVersion: '1',
      state: { status: 'paid', type: 'OrderPaid' },
    })
    const outcome = await relayBatch(
      [record('INSERT', snapshot), record('INSERT', eventItem('order-1', 101, 'OrderShipped'))],
      deps(channel),
    )
    assert.deepEqual(outcome.response, { batchItemFailures: [] })
    assert.deepEqual([outcome.published, outcome.skipped], [1, 1])
    assert.deepEqual(
      channel.sent.map((s) => s.envelope.id),
      ['order-1-v101'],
    )
  })

  it('makes at most one PublishBatch call per ten events', async () => {
    const channel = new InMemoryChannel()
    const records = Array.from({ length: 100 }, (_, i) =>
      record('INSERT', eventItem(`order-${i % 7}`, i + 1)),
    )
    await relayBatch(records, deps(channel))
    assert.equal(channel.sent.length, 100)
    assert.ok(channel.calls.length <= 10)
  })

  it('reports the earliest failed record when one topic rejects its entries', async () => {
    const channel = new InMemoryChannel()
    const other = 'arn:aws:sns:us-east-1:000000000000:missing'
    channel.failing.add(other)
    const records = [
      record('INSERT', eventItem('order-1', 1)),
      record('INSERT', eventItem('invoice-1', 1, 'InvoiceIssued')),
      record('INSERT', eventItem('order-1', 2)),
      record('INSERT', eventItem('invoice-1', 2, 'InvoiceIssued')),
    ]
    const outcome = await relayBatch(records, {
      ...deps(channel),
      topicArnFor: (type) => (type === 'InvoiceIssued' ? other : ORDERS),
    })
    assert.deepEqual(outcome.response, {
      batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }],
    })
    assert.deepEqual(
      outcome.failures.map((f) => f.eventId),
      ['invoice-1-v1', 'invoice-1-v2'],
    )
  })

  it('reports an INSERT that is not an event item and publishes nothing after it', async () => {
    const channel = new InMemoryChannel()
    const records = [
      record('INSERT', eventItem('order-1', 1)),
      record('INSERT', { streamId: 'order-2', version: 1, type: 'OrderPlaced' }),
      record('INSERT', eventItem('order-1', 2)),
    ]
    const outcome = await relayBatch(records, deps(channel))
    assert.deepEqual(outcome.response.batchItemFailures, [
      { itemIdentifier: records[1]?.dynamodb?.SequenceNumber },
    ])
    assert.equal(outcome.failures[0]?.code, 'MalformedStreamRecordError')
    assert.deepEqual(
      channel.sent.map((s) => s.envelope.id),
      ['order-1-v1'],
    )
  })
})

describe('classifyRecord', () => {
  it("rejects a malformed image with the store item codec's message naming every invalid field", () => {
    const item = { ...eventItem('order-3', 1), version: 'one', eventId: undefined, metadata: { n: 1 } }
    const rec = record('INSERT', item)
    assert.throws(
      () => classifyRecord(rec),
      (error) => {
        assert.ok(error instanceof MalformedStreamRecordError)
        assert.equal(
          error.message,
          `Stream record ${rec.dynamodb?.SequenceNumber} is not an event: invalid fields: version, eventId, metadata`,
        )
        assert.ok(error.cause instanceof MalformedEventItemError)
        assert.deepEqual(error.cause.fields, ['version', 'eventId', 'metadata'])
        return true
      },
    )
  })

  it('decodes an event image into the stored event the store would read back', () => {
    const classified = classifyRecord(record('INSERT', eventItem('order-4', 7, 'OrderPaid')))
    assert.deepEqual(classified, {
      kind: 'event',
      sequenceNumber: String(sequence - 1),
      event: {
        streamId: 'order-4',
        version: 7,
        id: 'order-4-v7',
        type: 'OrderPaid',
        schemaVersion: 1,
        data: { orderId: 'order-4' },
        metadata: { correlationid: 'corr-1' },
        time: '2026-01-02T03:04:05.000Z',
      },
    })
  })
})

describe('relay config', () => {
  const PAYMENTS = 'arn:aws:sns:us-east-1:000000000000:payments'
  const routes = (routing: object) => JSON.stringify(routing)

  it('routes each event type as EVENT_ROUTES says, and unrouted types to the default topic', () => {
    const config = loadRelayConfig({
      TOPIC_ARNS: JSON.stringify({ orders: ORDERS, payments: PAYMENTS }),
      EVENT_ROUTES: routes({ routes: { PaymentTaken: 'payments' }, defaultTopic: 'orders' }),
    })
    assert.equal(topicArnResolver(config)('PaymentTaken'), PAYMENTS)
    assert.equal(topicArnResolver(config)('OrderShipped'), ORDERS)
    assert.equal(topicArnResolver(config)('SomethingNew'), ORDERS)
  })

  it('rejects TOPIC_ARNS that is missing or not JSON, naming the variable', () => {
    const EVENT_ROUTES = routes({ routes: {}, defaultTopic: 'orders' })
    for (const env of [{ EVENT_ROUTES }, { TOPIC_ARNS: '{', EVENT_ROUTES }]) {
      assert.throws(
        () => loadRelayConfig(env),
        (error) => error instanceof ConfigError && error.variable === 'TOPIC_ARNS',
      )
    }
  })

  it('rejects EVENT_ROUTES that route to a topic without an ARN, naming the variable and the topic', () => {
    const env = {
      TOPIC_ARNS: JSON.stringify({ orders: ORDERS }),
      EVENT_ROUTES: routes({ routes: { PaymentTaken: 'payments' }, defaultTopic: 'orders' }),
    }
    assert.throws(
      () => loadRelayConfig(env),
      (error) =>
        error instanceof ConfigError && error.variable === 'EVENT_ROUTES' && /payments/.test(error.message),
    )
  })
})
