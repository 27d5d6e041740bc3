import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  CreateTopicCommand,
  PublishBatchCommand,
  PublishCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns'
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs'
import { createQueue, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

/** Receives until `count` messages arrived or a receive comes back empty (long poll of 1 s). */
async function receiveAll(sqs: SQSClient, queueUrl: string, count: number): Promise<Message[]> {
  const got: Message[] = []
  while (got.length < count) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    )
    if (Messages.length === 0) break
    got.push(...Messages)
  }
  return got
}

const attr = (value: string) => ({ DataType: 'String', StringValue: value })

describe('SNS fan-out to SQS', () => {
  let env: TestSnsSqs
  before(async () => {
    env = await startTestSnsSqs()
  })
  after(() => env.stop())

  async function topicWithQueue(name: string, subscription: Record<string, string>, fifo = false) {
    const suffix = fifo ? '.fifo' : ''
    const fifoAttributes: Record<string, string> = fifo ? { FifoQueue: 'true' } : {}
    const queue = await createQueue(env.sqs, `${name}-q${suffix}`, fifoAttributes)
    const { TopicArn } = await env.sns.send(
      new CreateTopicCommand({ Name: `${name}${suffix}`, Attributes: fifo ? { FifoTopic: 'true' } : {} }),
    )
    assert.ok(TopicArn)
    await env.sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: subscription }),
    )
    return { topicArn: TopicArn, queue }
  }

  it('delivers only messages whose attributes match the filter policy, raw and with their attributes', async () => {
    const { topicArn, queue } = await topicWithQueue('attr-filter', {
      RawMessageDelivery: 'true',
      FilterPolicy: JSON.stringify({ type: ['OrderShipped'] }),
    })
    for (const type of ['OrderPlaced', 'OrderShipped', 'OrderPaid']) {
      await env.sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: JSON.stringify({ type }),
          MessageAttributes: { type: attr(type), subject: attr('order-1') },
        }),
      )
    }
    const messages = await receiveAll(env.sqs, queue.url, 2)
    assert.equal(messages.length, 1)
    assert.equal(messages[0]?.Body, '{"type":"OrderShipped"}')
    assert.deepEqual(messages[0]?.MessageAttributes, {
      type: { DataType: 'String', StringValue: 'OrderShipped' },
      subject: { DataType: 'String', StringValue: 'order-1' },
    })
  })

  it('filters on the message body when FilterPolicyScope is MessageBody', async () => {
    const { topicArn, queue } = await topicWithQueue('body-filter', {
      RawMessageDelivery: 'true',
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: JSON.stringify({ data: { currency: ['EUR'] } }),
    })
    for (const currency of ['USD', 'EUR']) {
      await env.sns.send(
        new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ data: { currency } }) }),
      )
    }
    const messages = await receiveAll(env.sqs, queue.url, 2)
    assert.deepEqual(
      messages.map((m) => m.Body),
      ['{"data":{"currency":"EUR"}}'],
    )
  })

  it('wraps the message in the SNS envelope without raw delivery', async () => {
    const { topicArn, queue } = await topicWithQueue('envelope', {})
    await env.sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'hello', MessageAttributes: { type: attr('X') } }),
    )
    const [message] = await receiveAll(env.sqs, queue.url, 1)
    const envelope = JSON.parse(message?.Body ?? '{}')
    assert.equal(envelope.Type, 'Notification')
    assert.equal(envelope.Message, 'hello')
    assert.equal(envelope.TopicArn, topicArn)
    assert.deepEqual(envelope.MessageAttributes.type, { Type: 'String', Value: 'X' })
  })

  it('publishes a batch of 10 and reports each entry as successful or failed', async () => {
    const { topicArn, queue } = await topicWithQueue('batch', { RawMessageDelivery: 'true' }, true)
    const entries = Array.from({ length: 10 }, (_, i) => ({
      Id: `e${i}`,
      Message: `m${i}`,
      MessageDeduplicationId: `d${i}`,
      // A FIFO topic needs a group id on every entry; entry 4 lacks it and must fail alone.
      ...(i === 4 ? {} : { MessageGroupId: 'order-1' }),
    }))
    const result = await env.sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }),
    )
    assert.equal(result.Successful?.length, 9)
    assert.deepEqual(
      result.Failed?.map((f) => [f.Id, f.SenderFault]),
      [['e4', true]],
    )
    const bodies: string[] = []
    // A FIFO queue hands out one message per group at a time: receive and delete in turn.
    for (let i = 0; i < 9; i++) {
      const [message] = await receiveAll(env.sqs, queue.url, 1)
      assert.ok(message?.ReceiptHandle)
      bodies.push(message.Body ?? '')
      assert.equal(message.Attributes?.MessageGroupId, 'order-1')
      await env.sqs.send(
        new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle }),
      )
    }
    assert.deepEqual(bodies, ['m0', 'm1', 'm2', 'm3', 'm5', 'm6', 'm7', 'm8', 'm9'])
  })

  it('drops a FIFO publish whose deduplication id was already seen', async () => {
    const { topicArn, queue } = await topicWithQueue('dedup', { RawMessageDelivery: 'true' }, true)
    for (const body of ['first', 'second']) {
      await env.sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: body,
          MessageGroupId: 'g',
          MessageDeduplicationId: 'same-event-id',
        }),
      )
    }
    const messages = await receiveAll(env.sqs, queue.url, 2)
    assert.deepEqual(
      messages.map((m) => [m.Body, m.Attributes?.MessageDeduplicationId]),
      [['first', 'same-event-id']],
    )
  })
})
