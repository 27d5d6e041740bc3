import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import type { SQSEvent, SQSRecord } from 'aws-lambda'
import { registry } from '../../functions/domain.ts'
import { decodeRecord } from '../../shared/consumer/decode-event.ts'
import { PoisonFailureType, PoisonMessageError } from '../../shared/consumer/errors.ts'
import { toCloudEvent } from '../../shared/events/envelope.ts'

const fixture = (name: string): SQSEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/aws-events/${name}`, import.meta.url), 'utf8'))

const rawTemplate = fixture('sqs-base.json').Records[1] as SQSRecord
const snsTemplate = fixture('sqs-sns-body.json').Records[0] as SQSRecord

const shipped = toCloudEvent(
  {
    streamId: 'order-1',
    version: 3,
    id: 'evt-3',
    type: 'OrderShipped',
    schemaVersion: 1,
    data: { orderId: '1', carrier: 'UPS', trackingNumber: '1Z999' },
    metadata: { correlationid: 'corr-1' },
    time: '2025-01-02T03:04:05.000Z',
  },
  { source: 'urn:test' },
)

const attributes = { type: 'OrderShipped', subject: 'order-1', schemaversion: '1', replay: 'false' }

function rawRecord(body: unknown, extra: Record<string, string> = {}): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {}
  for (const [name, value] of Object.entries({ ...attributes, ...extra })) {
    messageAttributes[name] = { stringValue: value, dataType: name === 'schemaversion' ? 'Number' : 'String' }
  }
  return { ...rawTemplate, body: typeof body === 'string' ? body : JSON.stringify(body), messageAttributes }
}

function snsWrappedRecord(message: unknown): SQSRecord {
  const notification = JSON.parse(snsTemplate.body)
  notification.Message = JSON.stringify(message)
  notification.MessageAttributes = Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, { Type: 'String', Value: value }]),
  )
  return { ...snsTemplate, body: JSON.stringify(notification) }
}

const decode = (record: SQSRecord) => decodeRecord(record, registry, () => true)

const poisonOf = (record: SQSRecord, hasHandler = () => true): PoisonMessageError => {
  try {
    decodeRecord(record, registry, hasHandler)
  } catch (error) {
    if (error instanceof PoisonMessageError) return error
    throw error
  }
  assert.fail('expected a poison message')
}

describe('consumer record parsing', () => {
  it('reads the envelope from a raw-delivery body', () => {
    const { event, reprocess } = decode(rawRecord(shipped))
    assert.equal(event.id, 'evt-3')
    assert.equal(event.type, 'OrderShipped')
    assert.deepEqual(event.data, { orderId: '1', carrier: 'UPS', trackingNumber: '1Z999' })
    assert.equal(event.correlationid, 'corr-1')
    assert.equal(reprocess, false)
  })

  it('reads the same envelope from an SNS-wrapped body', () => {
    assert.deepEqual(decode(snsWrappedRecord(shipped)).event, decode(rawRecord(shipped)).event)
  })

  it('rejects the fixture SNS notification, whose message is not a CloudEvent, naming the missing fields', () => {
    const poison = poisonOf(snsTemplate)
    assert.equal(poison.failureType, PoisonFailureType.InvalidEnvelope)
    assert.match(poison.message, /specversion/)
    assert.match(poison.message, /subject/)
  })

  it('treats a body that is not JSON as unparseable', () => {
    const poison = poisonOf(fixture('sqs-base.json').Records[0] as SQSRecord)
    assert.equal(poison.failureType, PoisonFailureType.Unparseable)
    assert.match(poison.message, /^body is not valid JSON/)
  })

  it('names the data field that violates the schema', () => {
    const poison = poisonOf(rawRecord({ ...shipped, data: { orderId: '1', carrier: 'UPS' } }))
    assert.equal(poison.failureType, PoisonFailureType.SchemaViolation)
    assert.match(poison.message, /data\.trackingNumber/)
  })

  it('rejects an event type the registry does not know', () => {
    const poison = poisonOf(rawRecord({ ...shipped, type: 'OrderTeleported' }))
    assert.equal(poison.failureType, PoisonFailureType.UnknownEventType)
    assert.match(poison.message, /OrderTeleported/)
  })

  it('rejects a known type the consumer has no handler for', () => {
    const poison = poisonOf(rawRecord(shipped), () => false)
    assert.equal(poison.failureType, PoisonFailureType.NoHandler)
  })

  it('reprocesses only a replay that asks for it, through the envelope or the message attribute', () => {
    assert.equal(decode(rawRecord({ ...shipped, replay: true, reprocess: true })).reprocess, true)
    assert.equal(
      decode(rawRecord({ ...shipped, replay: true }, { replay: 'true', reprocess: 'true' })).reprocess,
      true,
    )
    assert.equal(decode(rawRecord({ ...shipped, reprocess: true })).reprocess, false)
    assert.equal(decode(rawRecord({ ...shipped, replay: true })).reprocess, false)
  })
})
