import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isFifo, messageAttributes, messageSize } from '../../shared/channels/attributes.ts'
import type { OutboundEnvelope } from '../../shared/channels/ports.ts'
import { type BatchEntry, sendInBatches } from '../../shared/channels/send-in-batches.ts'

const base: OutboundEnvelope = { id: 'evt-1', type: 'OrderShipped', subject: 'order-42', schemaversion: 2 }

const firstEntry = async (target: string, envelope: OutboundEnvelope): Promise<BatchEntry> => {
  let sent: BatchEntry | undefined
  await sendInBatches(target, [envelope], async (entries) => {
    sent = entries[0]
    return { successfulIds: entries.map((e) => e.Id), failed: [] }
  })
  assert.ok(sent)
  return sent
}

describe('message attributes', () => {
  it('carries type, subject, a numeric schemaversion and replay=false for a live event', () => {
    assert.deepEqual(messageAttributes(base), {
      type: { DataType: 'String', StringValue: 'OrderShipped' },
      subject: { DataType: 'String', StringValue: 'order-42' },
      schemaversion: { DataType: 'Number', StringValue: '2' },
      replay: { DataType: 'String', StringValue: 'false' },
    })
  })

  it('marks replays and adds reprocess only when it is set', () => {
    const attributes = messageAttributes({ ...base, replay: true, reprocess: true })
    assert.equal(attributes.replay?.StringValue, 'true')
    assert.equal(attributes.reprocess?.StringValue, 'true')
    assert.equal(messageAttributes({ ...base, replay: true }).reprocess, undefined)
  })

  it('counts attribute names, types and values in the message size, in UTF-8 bytes', () => {
    const attributes = { k: { DataType: 'String' as const, StringValue: 'é' } }
    assert.equal(messageSize('ü', attributes), 2 + 1 + 6 + 2)
  })
})

describe('FIFO', () => {
  it('recognises FIFO topics and queues by their .fifo suffix', () => {
    assert.equal(isFifo('arn:aws:sns:us-east-1:1:orders.fifo'), true)
    assert.equal(isFifo('https://sqs.us-east-1.amazonaws.com/1/order-summary.fifo'), true)
    assert.equal(isFifo('arn:aws:sns:us-east-1:1:orders'), false)
  })

  it('groups by stream id and deduplicates by event id on FIFO targets only', async () => {
    const fifo = await firstEntry('arn:aws:sns:us-east-1:1:orders.fifo', base)
    assert.deepEqual(fifo.fifo, { MessageGroupId: 'order-42', MessageDeduplicationId: 'evt-1' })
    const standard = await firstEntry('arn:aws:sns:us-east-1:1:orders', base)
    assert.equal(standard.fifo, undefined)
  })

  it('sends the whole envelope as the JSON body', async () => {
    const entry = await firstEntry('q', { ...base, data: { a: 1 } } as OutboundEnvelope)
    assert.deepEqual(JSON.parse(entry.body), { ...base, data: { a: 1 } })
  })
})
