import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Logger } from '@aws-lambda-powertools/logger'
import { Metrics } from '@aws-lambda-powertools/metrics'
import { registry } from '../../functions/domain.ts'
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import {
  InMemoryDeadLetterChannel,
  InMemoryDedupStore,
} from '../../shared/consumer/in-memory/in-memory-adapters.ts'
import type { ConsumerRuntime } from '../../shared/consumer/record-processor.ts'
import type { EventMapOf } from '../../shared/consumer/types.ts'
import type { OrderPaid, OrderPlaced } from '../../shared/domain/order/events.ts'
import { type CloudEvent, versionToSequence } from '../../shared/events/envelope.ts'
import { sqsRecord, testContext } from '../helpers/lambda-events.ts'

type Events = EventMapOf<typeof OrderPlaced | typeof OrderPaid>

const context = testContext('test-consumer')

function runtime(): ConsumerRuntime & { dedup: InMemoryDedupStore; deadLetters: InMemoryDeadLetterChannel } {
  return {
    registry,
    dedup: new InMemoryDedupStore(),
    deadLetters: new InMemoryDeadLetterChannel(),
    logger: new Logger({ serviceName: 'test-consumer', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Test', serviceName: 'test-consumer' }),
  }
}

function envelope(id: string, type: string, schemaversion: number, data: unknown, version = 1): CloudEvent {
  return {
    specversion: '1.0',
    id,
    source: 'urn:test',
    type,
    subject: 'order-1',
    time: '2025-01-02T03:04:05.000Z',
    datacontenttype: 'application/json',
    data,
    sequence: versionToSequence(version),
    schemaversion,
  }
}

const record = (messageId: string, body: CloudEvent, groupId?: string) =>
  sqsRecord(body, { messageId, queue: 'test-consumer', ...(groupId ? { groupId } : {}) })

const paid = (id: string, orderId: string) =>
  envelope(id, 'OrderPaid', 1, { orderId, amount: 10, currency: 'EUR' })

describe('consumer middleware', () => {
  it('hands an OrderPlaced stored as v1 to the handler upcast to v2', async () => {
    const seen: CloudEvent<Events['OrderPlaced']>[] = []
    const handler = defineConsumer<Events, undefined>(
      { name: 'test-consumer', registry, handlers: { OrderPlaced: async (event) => void seen.push(event) } },
      { runtime: runtime(), deps: undefined },
    )
    const v1 = envelope('e1', 'OrderPlaced', 1, {
      orderId: '1',
      customerId: 'c',
      items: [{ sku: 'a', quantity: 1, unitPrice: 2 }],
    })
    const result = await handler({ Records: [record('m1', v1)] }, context)
    assert.deepEqual(result, { batchItemFailures: [] })
    assert.equal(seen.length, 1)
    assert.equal(seen[0]?.schemaversion, 2)
    assert.equal(seen[0]?.data.currency, 'EUR')
  })

  it('stops a FIFO message group at its first failure and lets other groups continue', async () => {
    const handled: string[] = []
    const handler = defineConsumer<Events, undefined>(
      {
        name: 'test-consumer',
        registry,
        handlers: {
          OrderPaid: async (event) => {
            if (event.data.orderId === 'fail') throw new Error('downstream unavailable')
            handled.push(event.id)
          },
        },
      },
      { runtime: runtime(), deps: undefined },
    )
    const result = await handler(
      {
        Records: [
          record('m1', paid('a1', 'ok'), 'group-a'),
          record('m2', paid('b1', 'ok'), 'group-b'),
          record('m3', paid('a2', 'fail'), 'group-a'),
          record('m4', paid('b2', 'ok'), 'group-b'),
          record('m5', paid('a3', 'ok'), 'group-a'),
        ],
      },
      context,
    )
    assert.deepEqual(result, { batchItemFailures: [{ itemIdentifier: 'm3' }, { itemIdentifier: 'm5' }] })
    assert.deepEqual(handled, ['a1', 'b1', 'b2'])
  })

  it('moves a poison record to the DLQ and reports it as handled while the rest of the batch runs', async () => {
    const rt = runtime()
    const handled: string[] = []
    const handler = defineConsumer<Events, undefined>(
      {
        name: 'test-consumer',
        registry,
        handlers: { OrderPaid: async (event) => void handled.push(event.id) },
      },
      { runtime: rt, deps: undefined },
    )
    const bad = envelope('bad', 'OrderPaid', 1, { orderId: '1', amount: -5, currency: 'EUR' })
    const result = await handler({ Records: [record('m1', bad), record('m2', paid('good', '1'))] }, context)
    assert.deepEqual(result, { batchItemFailures: [] })
    assert.deepEqual(handled, ['good'])
    assert.equal(rt.deadLetters.sent.length, 1)
    assert.equal(rt.deadLetters.sent[0]?.record.messageId, 'm1')
    assert.match(rt.deadLetters.sent[0]?.failure.reason ?? '', /data\.amount/)
  })
})
