import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ValidationError } from '../../shared/errors.ts'
import {
  envelopeSizeBytes,
  MAX_ENVELOPE_BYTES,
  sequenceToVersion,
  toCloudEvent,
} from '../../shared/events/envelope.ts'
import { parseCloudEvent } from '../../shared/events/parse-cloud-event.ts'
import type { StoredEvent } from '../../shared/store/event-store.ts'

const stored: StoredEvent = {
  streamId: 'order-1',
  version: 7,
  id: '5f0c1a4e-1b2c-4d5e-8f90-123456789abc',
  type: 'OrderPaid',
  schemaVersion: 1,
  data: { orderId: 'o1', amount: 12.5, currency: 'EUR' },
  metadata: { correlationid: 'corr-1', causationid: 'cause-1', traceparent: '00-aa-bb-01', other: 'x' },
  time: '2024-05-01T10:00:00.000Z',
}

describe('CloudEvents envelope', () => {
  it('builds a structured-mode CloudEvent with the backbone extensions', () => {
    const event = toCloudEvent(stored, { source: 'urn:test' })
    assert.deepEqual(event, {
      specversion: '1.0',
      id: stored.id,
      source: 'urn:test',
      type: 'OrderPaid',
      subject: 'order-1',
      time: stored.time,
      datacontenttype: 'application/json',
      data: stored.data,
      sequence: '0000000007',
      schemaversion: 1,
      correlationid: 'corr-1',
      causationid: 'cause-1',
      traceparent: '00-aa-bb-01',
    })
    assert.equal(sequenceToVersion(event.sequence), 7)
  })

  it('marks replays', () => {
    assert.equal(toCloudEvent(stored, { source: 'urn:test', replay: true }).replay, true)
  })

  it('orders sequences lexicographically like versions', () => {
    const s9 = toCloudEvent({ ...stored, version: 9 }, { source: 's' }).sequence
    const s10 = toCloudEvent({ ...stored, version: 10 }, { source: 's' }).sequence
    assert.ok(s9 < s10)
  })

  it('parses back what it builds, from JSON text or an object', () => {
    const event = toCloudEvent(stored, { source: 'urn:test', replay: true })
    assert.deepEqual(parseCloudEvent(JSON.stringify(event)), event)
    assert.deepEqual(parseCloudEvent(event), event)
  })

  it('rejects malformed JSON and envelopes missing attributes, naming them', () => {
    assert.throws(() => parseCloudEvent('{not json'), ValidationError)
    const { subject: _, ...noSubject } = toCloudEvent(stored, { source: 's' })
    assert.throws(
      () => parseCloudEvent({ ...noSubject, specversion: '0.3' }),
      (error) =>
        error instanceof ValidationError &&
        error.issues
          .map((i) => i.path)
          .sort()
          .join(',') === 'specversion,subject',
    )
  })

  it('measures the envelope in UTF-8 bytes', () => {
    const ascii = toCloudEvent({ ...stored, data: { s: 'a' } }, { source: 's' })
    const multibyte = toCloudEvent({ ...stored, data: { s: 'é' } }, { source: 's' })
    assert.equal(envelopeSizeBytes(multibyte), envelopeSizeBytes(ascii) + 1)
  })

  it('keeps the size limit under one SNS message with room for attributes', () => {
    assert.ok(MAX_ENVELOPE_BYTES < 256 * 1024)
    assert.ok(MAX_ENVELOPE_BYTES >= 250 * 1024)
  })
})
