import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { marshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'
import { InMemoryChannel } from '../../shared/channels/in-memory/in-memory-channel.ts'
import { relayBatch } from '../../shared/relay/relay-batch.ts'

const FIFO = 'arn:aws:sns:us-east-1:000000000000:order-notes.fifo'

let sequence = 1000
const record = (streamId: string, version: number): DynamoDBRecord => ({
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: marshall({ streamId, version }) as never,
    NewImage: marshall({
      streamId,
      version,
      eventId: `${streamId}-v${version}`,
      type: 'OrderNoteAdded',
      schemaVersion: 1,
      data: { orderId: streamId },
      metadata: {},
      time: '2026-01-02T03:04:05.000Z',
      timeBucket: '2026-01-02',
      timeKey: `2026-01-02T03:04:05.000Z#${streamId}#${version}`,
    }) as never,
    SequenceNumber: String(sequence++),
    StreamViewType: 'NEW_IMAGE',
  },
})

/** `streams` × `events` records, interleaved as concurrent publishers produce them. */
const burst = (streams: number, events: number): DynamoDBRecord[] =>
  Array.from({ length: streams * events }, (_, i) =>
    record(`order-${i % streams}`, Math.floor(i / streams) + 1),
  )

const deps = (channel: InMemoryChannel) => ({
  publisher: channel,
  topicArnFor: () => FIFO,
  source: 'urn:test',
})

describe('the relay on a FIFO topic', () => {
  it('publishes nothing more of a stream in the attempt once one of its events failed, while other streams go on', async () => {
    const channel = new InMemoryChannel()
    channel.rejectEntry = (e) => e.id === 'order-1-v2'
    const records = burst(3, 4)
    const outcome = await relayBatch(records, deps(channel))
    const published = channel.sent.map((s) => s.envelope.id)
    assert.deepEqual(
      published.filter((id) => id.startsWith('order-1-')),
      ['order-1-v1'],
    )
    assert.equal(published.filter((id) => id.startsWith('order-0-')).length, 4)
    assert.equal(published.filter((id) => id.startsWith('order-2-')).length, 4)
    // The retry starts at order-1 v2, the earliest record not published.
    assert.deepEqual(outcome.response.batchItemFailures, [
      { itemIdentifier: records[4]?.dynamodb?.SequenceNumber },
    ])
  })

  it('never puts two events of one stream in the same call, and sets group = stream, dedup id = event id', async () => {
    const channel = new InMemoryChannel()
    await relayBatch(burst(4, 5), deps(channel))
    assert.equal(channel.sent.length, 20)
    for (const s of channel.sent) {
      assert.equal(s.fifo?.MessageGroupId, s.envelope.subject)
      assert.equal(s.fifo?.MessageDeduplicationId, s.envelope.id)
    }
    const versions = new Map<string, number>()
    for (const s of channel.sent) {
      const version = Number(s.envelope.sequence)
      assert.ok(version > (versions.get(s.envelope.subject) ?? 0), 'a stream went out of order')
      versions.set(s.envelope.subject, version)
    }
  })

  it('costs one call per ten events unless a batch holds more than ten events of one stream', async () => {
    const calls = async (streams: number, events: number) => {
      const channel = new InMemoryChannel()
      await relayBatch(burst(streams, events), deps(channel))
      assert.equal(channel.sent.length, streams * events)
      return channel.calls.length
    }
    assert.equal(await calls(100, 1), 10)
    assert.equal(await calls(50, 2), 10)
    assert.equal(await calls(10, 10), 10)
    // Stopping a group at its first failure would cost 10 here, but cannot keep order within a call.
    assert.equal(await calls(5, 20), 20)
    assert.equal(await calls(1, 100), 100)
  })
})
