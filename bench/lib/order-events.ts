/**
 * Example-domain events for the benchmarks: an order's life (placed, paid, shipped), as stored
 * events, as the CloudEvents envelopes the relay sends, and as the SQS records a consumer receives.
 */
import { randomUUID } from 'node:crypto'
import type { SQSRecord } from 'aws-lambda'
import { messageAttributes } from '../../shared/channels/attributes.ts'
import { type CloudEvent, toCloudEvent } from '../../shared/events/envelope.ts'
import type { NewEvent, StoredEvent } from '../../shared/store/event-store.ts'
import { loadSample } from './aws-events.ts'

/** CloudEvents source the bench stamps on envelopes. */
export const BENCH_SOURCE = 'urn:event-backbone'

/** The three events of order `orderId`, in stream order. */
export function orderLife(orderId: string): NewEvent[] {
  return [
    {
      type: 'OrderPlaced',
      data: {
        orderId,
        customerId: `customer-${orderId}`,
        items: [
          { sku: 'SKU-1', quantity: 2, unitPrice: 9.5 },
          { sku: 'SKU-2', quantity: 1, unitPrice: 20 },
        ],
        currency: 'EUR',
      },
    },
    { type: 'OrderPaid', data: { orderId, amount: 39, currency: 'EUR' } },
    { type: 'OrderShipped', data: { orderId, carrier: 'DHL', trackingNumber: `TRK-${orderId}` } },
  ]
}

/** `count` stored events of consecutive order streams (3 per order), newest schema versions. */
export function storedOrderEvents(count: number, time = new Date().toISOString()): StoredEvent[] {
  const out: StoredEvent[] = []
  while (out.length < count) {
    const orderId = randomUUID()
    for (const [index, event] of orderLife(orderId).entries()) {
      if (out.length === count) break
      out.push({
        streamId: `order-${orderId}`,
        version: index + 1,
        id: randomUUID(),
        type: event.type,
        schemaVersion: event.type === 'OrderPlaced' ? 2 : 1,
        data: event.data,
        metadata: {},
        time,
      })
    }
  }
  return out
}

const sqsSample = (loadSample('sqs-base.json') as { Records: SQSRecord[] }).Records[0] as SQSRecord

/**
 * The SQS record of `envelope` as a raw-delivery subscription delivers it: the envelope as the body,
 * the filter attributes as message attributes, the rest of the record from AWS's sample.
 */
export function sqsRecordOf(envelope: CloudEvent, queueArn: string): SQSRecord {
  const attributes = messageAttributes(envelope)
  return {
    ...sqsSample,
    messageId: randomUUID(),
    body: JSON.stringify(envelope),
    eventSourceARN: queueArn,
    messageAttributes: Object.fromEntries(
      Object.entries(attributes).map(([name, a]) => [
        name,
        { dataType: a.DataType, stringValue: a.StringValue, stringListValues: [], binaryListValues: [] },
      ]),
    ),
  }
}

/** SQS records of `count` fresh order events (envelopes as the relay makes them). */
export function orderRecords(count: number, queueArn: string): SQSRecord[] {
  return storedOrderEvents(count).map((e) => sqsRecordOf(toCloudEvent(e, { source: BENCH_SOURCE }), queueArn))
}

/**
 * SQS records of `count` OrderNoteAdded events as a FIFO queue delivers them: one note per fresh
 * order stream (version 1), message group = stream id.
 */
export function noteRecords(count: number, queueArn: string): SQSRecord[] {
  return Array.from({ length: count }, () => {
    const orderId = randomUUID()
    const stored: StoredEvent = {
      streamId: `order-${orderId}`,
      version: 1,
      id: randomUUID(),
      type: 'OrderNoteAdded',
      schemaVersion: 1,
      data: { orderId, author: 'bench', text: 'called the customer' },
      metadata: {},
      time: new Date().toISOString(),
    }
    const record = sqsRecordOf(toCloudEvent(stored, { source: BENCH_SOURCE }), queueArn)
    return { ...record, attributes: { ...record.attributes, MessageGroupId: stored.streamId } }
  })
}
