/**
 * The fault proxy's partial mode against the real SNS client and engine: a PublishBatch goes through
 * with the chosen entries taken out, and the answer reports those under `Failed` as a service-side
 * InternalError next to the engine's own successes, so the caller sees exactly what SNS would say
 * when it accepts part of a batch, and only the accepted entries reach the subscribers.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  CreateTopicCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  type PublishBatchRequestEntry,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns'
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs'
import { localClientConfig } from '../../infra/local/clients.ts'
import {
  everyKth,
  type FaultProxy,
  onlyFirstAttempt,
  seededRatio,
  startFaultProxy,
} from '../../infra/local/faults/index.ts'
import { createQueue, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

const entries = (n: number, fifo = false): PublishBatchRequestEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    Id: `entry-${i}`,
    Message: `message ${i}`,
    MessageAttributes: { position: { DataType: 'Number', StringValue: String(i) } },
    ...(fifo ? { MessageGroupId: `group-${i % 3}`, MessageDeduplicationId: `dedup-${i}-${Date.now()}` } : {}),
  }))

describe('fault proxy: failing some entries of SNS PublishBatch', () => {
  let engine: TestSnsSqs
  let proxy: FaultProxy
  let sns: SNSClient
  before(async () => {
    engine = await startTestSnsSqs()
    proxy = await startFaultProxy({ target: engine.engine.endpoint })
    // One attempt: what the test reads is the answer to one call.
    sns = new SNSClient({ ...localClientConfig(proxy.url), maxAttempts: 1 })
  })
  after(async () => {
    sns?.destroy()
    await proxy?.stop()
    await engine?.stop()
  })

  /** A topic with a raw-delivery queue subscribed, and a way to drain that queue. */
  async function subscribedTopic(name: string, fifo: boolean) {
    const { TopicArn } = await engine.sns.send(
      new CreateTopicCommand({
        Name: fifo ? `${name}.fifo` : name,
        ...(fifo ? { Attributes: { FifoTopic: 'true' } } : {}),
      }),
    )
    const queue = await createQueue(
      engine.sqs,
      fifo ? `${name}.fifo` : name,
      fifo ? { FifoQueue: 'true' } : {},
    )
    await engine.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queue.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    )
    const drain = async (): Promise<Message[]> => {
      const received: Message[] = []
      for (;;) {
        const { Messages = [] } = await engine.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queue.url,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['MessageGroupId'],
          }),
        )
        if (Messages.length === 0) return received
        received.push(...Messages)
        // Deleted as read: a FIFO queue hands out a group's next message only once the last is gone.
        for (const m of Messages)
          await engine.sqs.send(
            new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: m.ReceiptHandle }),
          )
      }
    }
    return { topicArn: TopicArn as string, drain }
  }

  it('reports every k-th entry as a service-side InternalError and publishes only the others', async () => {
    const { topicArn, drain } = await subscribedTopic('partial-standard', false)
    proxy.failEntries(everyKth(3))
    const out = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries(10) }),
    )
    proxy.recover()

    assert.deepEqual(
      out.Failed?.map((f) => ({ ...f })),
      [2, 5, 8].map((i) => ({
        Id: `entry-${i}`,
        Code: 'InternalError',
        Message: 'Internal error (injected fault)',
        SenderFault: false,
      })),
    )
    assert.deepEqual(
      out.Successful?.map((s) => s.Id),
      [0, 1, 3, 4, 6, 7, 9].map((i) => `entry-${i}`),
    )
    assert.ok(out.Successful?.every((s) => typeof s.MessageId === 'string' && s.MessageId.length > 0))
    const delivered = await drain()
    assert.deepEqual(
      delivered.map((m) => m.Body).sort(),
      [0, 1, 3, 4, 6, 7, 9].map((i) => `message ${i}`).sort(),
    )
    // The renumbered entries kept their own attributes.
    for (const m of delivered) assert.equal(`message ${m.MessageAttributes?.position?.StringValue}`, m.Body)
    assert.equal(proxy.stats().failedEntries, 3)
  })

  it('keeps a FIFO batch’s group and deduplication ids on the entries it forwards', async () => {
    const { topicArn, drain } = await subscribedTopic('partial-fifo', true)
    proxy.failEntries((entry) => entry.messageGroupId === 'group-1')
    const out = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries(6, true) }),
    )
    proxy.recover()
    assert.deepEqual(
      out.Failed?.map((f) => f.Id),
      ['entry-1', 'entry-4'],
    )
    const delivered = await drain()
    assert.deepEqual(
      delivered
        .map((m) => [m.Body, m.Attributes?.MessageGroupId])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
      [
        ['message 0', 'group-0'],
        ['message 2', 'group-2'],
        ['message 3', 'group-0'],
        ['message 5', 'group-2'],
      ],
    )
  })

  it('answers a batch whose every entry fails without forwarding it', async () => {
    const { topicArn, drain } = await subscribedTopic('partial-all', false)
    const before = proxy.stats().failedEntries
    proxy.failEntries(() => true)
    const out = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries(4) }),
    )
    proxy.recover()
    assert.deepEqual(out.Successful ?? [], [])
    assert.deepEqual(
      out.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]),
      [0, 1, 2, 3].map((i) => [`entry-${i}`, 'InternalError', false]),
    )
    assert.deepEqual(await drain(), [])
    assert.equal(proxy.stats().failedEntries - before, 4)
  })

  it('forwards every other action unchanged while failing entries', async () => {
    proxy.failEntries(() => true)
    const { Topics } = await sns.send(new ListTopicsCommand({}))
    proxy.recover()
    assert.ok((Topics ?? []).some((t) => t.TopicArn?.endsWith(':partial-standard')))
  })

  it('picks the same entries again from the same seed, about the asked ratio of them', () => {
    const views = Array.from({ length: 2000 }, (_, index) => ({
      topicArn: 't',
      id: String(index),
      index,
      message: `m${index}`,
    }))
    const pick = (seed: number) => {
      const choose = seededRatio(0.1, seed)
      return views.filter((v) => choose(v)).map((v) => v.index)
    }
    assert.deepEqual(pick(42), pick(42))
    assert.notDeepEqual(pick(42), pick(43))
    const share = pick(42).length / views.length
    assert.ok(share > 0.07 && share < 0.13, `failed share ${share}`)
  })
  it('fails a message at most once when told to, so that its retry goes through', async () => {
    const { topicArn, drain } = await subscribedTopic('partial-once', false)
    proxy.failEntries(onlyFirstAttempt(() => true))
    const batch = entries(3)
    const first = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: batch }),
    )
    const retry = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: batch }),
    )
    proxy.recover()
    assert.equal(first.Failed?.length, 3)
    assert.deepEqual(retry.Failed ?? [], [])
    assert.equal((await drain()).length, 3)
  })
})
