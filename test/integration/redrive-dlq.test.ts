import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { GetQueueAttributesCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type { Context } from 'aws-lambda'
import { redriveConsumer } from '../../shared/redrive/redrive.ts'
import type { ConsumerQueues } from '../../shared/redrive/types.ts'
import {
  createQueue,
  createQueueWithDlq,
  receiveAll,
  startTestSnsSqs,
  type TestSnsSqs,
} from '../helpers/sns-sqs.ts'

const run = promisify(execFile)

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  )
  return Number(Attributes?.ApproximateNumberOfMessages)
}

/** Puts `count` messages with attributes straight into a DLQ, as SQS does after maxReceiveCount. */
async function fillDlq(sqs: SQSClient, dlqUrl: string, prefix: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 10) {
    const ids = Array.from({ length: Math.min(10, count - start) }, (_, i) => start + i)
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: dlqUrl,
        Entries: ids.map((i) => ({
          Id: String(i),
          MessageBody: JSON.stringify({ id: `${prefix}-${i}`, type: 'OrderPlaced' }),
          MessageAttributes: {
            type: { DataType: 'String', StringValue: 'OrderPlaced' },
            schemaversion: { DataType: 'Number', StringValue: '1' },
          },
        })),
      }),
    )
  }
}

const toQueues = ({ queue, dlq }: Awaited<ReturnType<typeof createQueueWithDlq>>): ConsumerQueues => ({
  queueUrl: queue.url,
  queueArn: queue.arn,
  dlqUrl: dlq.url,
  dlqArn: dlq.arn,
})

const context = {
  functionName: 'redrive',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 60_000,
} as Context

describe('redrive on the embedded SQS', () => {
  let env: TestSnsSqs
  const consumers: Record<string, ConsumerQueues> = {}
  before(async () => {
    env = await startTestSnsSqs()
    for (const name of ['order-summary', 'shipping-notifier']) {
      consumers[name] = toQueues(
        await createQueueWithDlq(env.sqs, name, { maxReceiveCount: 5, visibilityTimeout: 30 }),
      )
    }
  })
  after(() => env.stop())

  it('moves every DLQ message back to its queue with the same body and attributes, and counts them', async () => {
    const queues = toQueues(
      await createQueueWithDlq(env.sqs, 'redrive-direct', { maxReceiveCount: 5, visibilityTimeout: 30 }),
    )
    await fillDlq(env.sqs, queues.dlqUrl, 'd', 23)
    const result = await redriveConsumer(env.sqs, queues)
    assert.equal(result.moved, 23)
    assert.equal(result.status, 'COMPLETED')
    assert.equal(await depth(env.sqs, queues.dlqUrl), 0)
    const back = await receiveAll(env.sqs, queues.queueUrl)
    assert.deepEqual(
      back.map((m) => JSON.parse(m.Body ?? '{}').id).sort(),
      Array.from({ length: 23 }, (_, i) => `d-${i}`).sort(),
    )
    const attributes = back[0]?.MessageAttributes ?? {}
    assert.deepEqual(
      Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, [v.DataType, v.StringValue]])),
      { type: ['String', 'OrderPlaced'], schemaversion: ['Number', '1'] },
    )
  })

  it('keeps each FIFO message in its message group, even when redriven within the deduplication window', async () => {
    const dlq = await createQueue(env.sqs, 'redrive-fifo-dlq.fifo', { FifoQueue: 'true' })
    const queue = await createQueue(env.sqs, 'redrive-fifo.fifo', {
      FifoQueue: 'true',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    })
    const entries = [
      ['a', 'order-1'],
      ['b', 'order-1'],
      ['c', 'order-2'],
    ].map(([id, group]) => ({
      Id: `${id}`,
      MessageBody: `${id}`,
      MessageGroupId: group,
      MessageDeduplicationId: id,
    }))
    // First into the source queue, so its deduplication window holds these ids, then into the DLQ.
    await env.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }))
    await receiveAll(env.sqs, queue.url, { delete: true })
    await env.sqs.send(new SendMessageBatchCommand({ QueueUrl: dlq.url, Entries: entries }))
    const result = await redriveConsumer(env.sqs, {
      queueUrl: queue.url,
      queueArn: queue.arn,
      dlqUrl: dlq.url,
      dlqArn: dlq.arn,
    })
    assert.equal(result.moved, 3)
    const back = await receiveAll(env.sqs, queue.url, { delete: true })
    const group = (g: string) => back.filter((m) => m.Attributes?.MessageGroupId === g).map((m) => m.Body)
    assert.deepEqual(group('order-1'), ['a', 'b'])
    assert.deepEqual(group('order-2'), ['c'])
  })

  it('redrives a consumer by name through the function and rejects an unknown or malformed request', async () => {
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_SQS: env.engine.endpoint,
      CONSUMER_QUEUES: JSON.stringify(
        Object.fromEntries(Object.entries(consumers).map(([name, q]) => [name, { ...q, topic: 'orders' }])),
      ),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    })
    const { handler } = await import('../../functions/redrive.ts')
    const queues = consumers['order-summary'] as ConsumerQueues
    await fillDlq(env.sqs, queues.dlqUrl, 'fn', 3)
    const answer = await handler({ consumer: 'order-summary' }, context)
    assert.equal(answer.consumer, 'order-summary')
    assert.equal(answer.moved, 3)
    assert.equal((await receiveAll(env.sqs, queues.queueUrl)).length, 3)
    await assert.rejects(handler({ consumer: 'nope' }, context), {
      name: 'UnknownConsumerError',
      message: /"nope".*order-summary, shipping-notifier/,
    })
    await assert.rejects(handler({ name: 'order-summary' }, context), { name: 'InvalidRedriveRequestError' })
  })

  it('redrives from the command line by consumer name, and exits 1 listing the consumers for an unknown one', async () => {
    const queues = consumers['shipping-notifier'] as ConsumerQueues
    await fillDlq(env.sqs, queues.dlqUrl, 'cli', 2)
    const cliEnv = { ...process.env, BACKBONE_AWS_PORT: String(env.engine.port) }
    const { stdout } = await run(process.execPath, ['scripts/redrive.ts', 'shipping-notifier'], {
      env: cliEnv,
    })
    assert.match(stdout, /Moved 2 message\(s\) from shipping-notifier-dlq to shipping-notifier/)
    assert.equal(await depth(env.sqs, queues.dlqUrl), 0)
    await assert.rejects(run(process.execPath, ['scripts/redrive.ts', 'nope'], { env: cliEnv }), (error) => {
      const { code, stderr } = error as { code: number; stderr: string }
      return code === 1 && /Unknown consumer "nope".*order-summary, shipping-notifier/.test(stderr)
    })
  })
})
