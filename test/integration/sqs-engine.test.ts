import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns'
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs'
import { createQueue, createQueueWithDlq, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

async function receive(sqs: SQSClient, queueUrl: string, waitSeconds = 1): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: ['All'],
    }),
  )
  return Messages
}

/** Receives until a message shows up, for at most `seconds` (it is hidden by a visibility timeout). */
async function receiveWithin(sqs: SQSClient, queueUrl: string, seconds: number): Promise<Message[]> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    const messages = await receive(sqs, queueUrl)
    if (messages.length > 0) return messages
  }
  return []
}

const send = (sqs: SQSClient, QueueUrl: string, MessageBody: string) =>
  sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }))

describe('SQS engine', () => {
  let env: TestSnsSqs
  before(async () => {
    env = await startTestSnsSqs()
  })
  after(() => env.stop())

  it('hides a received message for the visibility timeout, then delivers it again', async () => {
    const queue = await createQueue(env.sqs, 'visibility', { VisibilityTimeout: '1' })
    await send(env.sqs, queue.url, 'once')
    assert.equal((await receive(env.sqs, queue.url, 0)).length, 1)
    assert.equal((await receive(env.sqs, queue.url, 0)).length, 0, 'hidden while in flight')
    const [again] = await receiveWithin(env.sqs, queue.url, 10)
    assert.equal(again?.Body, 'once')
    assert.equal(again?.Attributes?.ApproximateReceiveCount, '2')
  })

  // Pins the fix in infra/local/engines/sns-sqs/fauxqs-patches.ts (fauxqs 2.4.1 lost this message).
  it('makes a message visible at once with ChangeMessageVisibility 0, on a persistent engine', async () => {
    const queue = await createQueue(env.sqs, 'change-visibility', { VisibilityTimeout: '600' })
    await send(env.sqs, queue.url, 'retry me')
    const [first] = await receive(env.sqs, queue.url, 0)
    assert.ok(first?.ReceiptHandle)
    await env.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queue.url,
        ReceiptHandle: first.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    )
    const [again] = await receive(env.sqs, queue.url, 0)
    assert.equal(again?.Body, 'retry me')
    assert.equal(again?.Attributes?.ApproximateReceiveCount, '2')
  })

  it('moves a message to the DLQ once it was received more than maxReceiveCount times', async () => {
    const { queue, dlq } = await createQueueWithDlq(env.sqs, 'redrive', {
      maxReceiveCount: 2,
      visibilityTimeout: 1,
    })
    await send(env.sqs, queue.url, 'poison')
    const counts: string[] = []
    for (let i = 0; i < 2; i++) {
      const [message] = await receiveWithin(env.sqs, queue.url, 10)
      counts.push(message?.Attributes?.ApproximateReceiveCount ?? 'none')
    }
    assert.deepEqual(counts, ['1', '2'])
    // As on AWS, the move happens on the receive that would exceed maxReceiveCount: that receive
    // returns nothing and the message lands in the DLQ.
    assert.deepEqual(await receiveWithin(env.sqs, queue.url, 3), [])
    const [dead] = await receive(env.sqs, dlq.url, 0)
    assert.equal(dead?.Body, 'poison')
  })

  it('hands out a FIFO group in order, one message of a group at a time', async () => {
    const queue = await createQueue(env.sqs, 'ordered.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' })
    for (const body of ['a1', 'a2', 'a3']) {
      await env.sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.url,
          MessageBody: body,
          MessageGroupId: 'a',
          MessageDeduplicationId: body,
        }),
      )
    }
    const seen: string[] = []
    for (let i = 0; i < 3; i++) {
      const messages = await receive(env.sqs, queue.url, 0)
      assert.equal(messages.length, 1, 'the group is locked while one of its messages is in flight')
      const [message] = messages
      assert.ok(message?.ReceiptHandle)
      assert.equal((await receive(env.sqs, queue.url, 0)).length, 0)
      seen.push(message.Body ?? '')
      await env.sqs.send(
        new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle }),
      )
    }
    assert.deepEqual(seen, ['a1', 'a2', 'a3'])
  })
})

describe('SNS/SQS persistence', () => {
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sns-sqs-restart-'))
  })
  after(() => rm(dataDir, { recursive: true, force: true }))

  it('keeps queues, messages, topics and subscriptions across a restart on the same data folder', async () => {
    const first = await startTestSnsSqs({ dataDir })
    try {
      const queue = await createQueue(first.sqs, 'durable')
      await send(first.sqs, queue.url, 'kept')
      const { TopicArn } = await first.sns.send(new CreateTopicCommand({ Name: 'durable-topic' }))
      await first.sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: queue.arn,
          Attributes: { RawMessageDelivery: 'true' },
        }),
      )
    } finally {
      await first.stop()
    }

    const second = await startTestSnsSqs({ dataDir })
    try {
      const { QueueUrl } = await second.sqs.send(new GetQueueUrlCommand({ QueueName: 'durable' }))
      assert.ok(QueueUrl)
      const { TopicArn } = await second.sns.send(new CreateTopicCommand({ Name: 'durable-topic' }))
      await second.sns.send(new PublishCommand({ TopicArn, Message: 'after restart' }))
      const bodies = (await receive(second.sqs, QueueUrl)).map((m) => m.Body).sort()
      assert.deepEqual(bodies, ['after restart', 'kept'])
    } finally {
      await second.stop()
    }
  })
})
