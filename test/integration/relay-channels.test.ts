import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns'
import { ChannelFailureCode } from '../../shared/channels/limits.ts'
import type { OutboundEnvelope } from '../../shared/channels/ports.ts'
import { SnsTopicPublisher } from '../../shared/channels/sns/sns-topic-publisher.ts'
import { SqsQueueSender } from '../../shared/channels/sqs/sqs-queue-sender.ts'
import { createQueue, receiveAll, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

const envelope = (id: string, subject: string, data: unknown = {}): OutboundEnvelope & { data: unknown } => ({
  id,
  type: 'OrderPlaced',
  subject,
  schemaversion: 1,
  data,
})

describe('channel adapters against the embedded SNS/SQS', () => {
  let env: TestSnsSqs
  before(async () => {
    env = await startTestSnsSqs()
  })
  after(() => env.stop())

  it('sends envelopes near the size limit in as many calls as needed, and rejects only the oversize one', async () => {
    const queue = await createQueue(env.sqs, 'channels-large')
    const big = 'x'.repeat(100_000)
    const envelopes = [
      envelope('a', 's-1', big),
      envelope('b', 's-1', big),
      envelope('too-big', 's-1', 'y'.repeat(262_144)),
      envelope('c', 's-1', big),
    ]
    const { failed } = await new SqsQueueSender(env.sqs).sendBatch(queue.url, envelopes)
    assert.deepEqual(
      failed.map((f) => [f.id, f.code]),
      [['too-big', ChannelFailureCode.MessageTooLarge]],
    )
    const received = await receiveAll(env.sqs, queue.url, { delete: true })
    assert.deepEqual(received.map((m) => JSON.parse(m.Body ?? '{}').id).sort(), ['a', 'b', 'c'])
  })

  it('sends replay and reprocess marks as attributes to a queue', async () => {
    const queue = await createQueue(env.sqs, 'channels-replay')
    await new SqsQueueSender(env.sqs).sendBatch(queue.url, [
      { ...envelope('r', 's-2'), replay: true, reprocess: true },
    ])
    const [message] = await receiveAll(env.sqs, queue.url, { delete: true })
    assert.equal(message?.MessageAttributes?.replay?.StringValue, 'true')
    assert.equal(message?.MessageAttributes?.reprocess?.StringValue, 'true')
  })

  it('publishes to a FIFO topic with the stream as message group and the event id as deduplication id', async () => {
    const queue = await createQueue(env.sqs, 'channels-fifo.fifo', { FifoQueue: 'true' })
    const { TopicArn } = await env.sns.send(
      new CreateTopicCommand({ Name: 'channels.fifo', Attributes: { FifoTopic: 'true' } }),
    )
    assert.ok(TopicArn)
    await env.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queue.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    )
    const publisher = new SnsTopicPublisher(env.sns)
    const envelopes = [envelope('f1', 'order-7'), envelope('f2', 'order-7'), envelope('f3', 'order-8')]
    assert.deepEqual(await publisher.publishBatch(TopicArn, envelopes), { failed: [] })
    // The same event id again, even with another body, is a duplicate within the deduplication window.
    const again = envelope('f1', 'order-7', { resent: true })
    assert.deepEqual(await publisher.publishBatch(TopicArn, [again]), { failed: [] })
    const received = await receiveAll(env.sqs, queue.url, { delete: true })
    const byGroup = (group: string) =>
      received.filter((m) => m.Attributes?.MessageGroupId === group).map((m) => JSON.parse(m.Body ?? '{}').id)
    assert.deepEqual(byGroup('order-7'), ['f1', 'f2'])
    assert.deepEqual(byGroup('order-8'), ['f3'])
    assert.equal(received.length, 3)
    assert.equal(received[0]?.Attributes?.MessageDeduplicationId, 'f1')
  })

  it('delivers an event sent again in another deduplication scope, and drops it sent again in the same one', async () => {
    const queue = await createQueue(env.sqs, 'channels-scoped.fifo', { FifoQueue: 'true' })
    const sender = new SqsQueueSender(env.sqs)
    const live = envelope('e1', 'order-9')
    assert.deepEqual(await sender.sendBatch(queue.url, [live]), { failed: [] })
    // Two replay jobs of the same event within the 5-minute window, the first one retrying its batch.
    const replay = { ...live, replay: true }
    for (const scope of ['replay job-1', 'replay job-1', 'replay job-2']) {
      assert.deepEqual(await sender.sendBatch(queue.url, [replay], { deduplicationScope: scope }), {
        failed: [],
      })
    }
    const received = await receiveAll(env.sqs, queue.url, { delete: true })
    assert.deepEqual(
      received.map((m) => [JSON.parse(m.Body ?? '{}').id, m.MessageAttributes?.replay?.StringValue]),
      [
        ['e1', 'false'],
        ['e1', 'true'],
        ['e1', 'true'],
      ],
    )
    const ids = received.map((m) => m.Attributes?.MessageDeduplicationId ?? '')
    assert.equal(new Set(ids).size, 3)
    assert.ok(ids.every((id) => id.length <= 128))
  })
})
