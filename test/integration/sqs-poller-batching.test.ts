import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it, type TestContext } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { SendMessageCommand } from '@aws-sdk/client-sqs'
import type { SQSEvent, SQSRecord } from 'aws-lambda'
import type { Invoke } from '../../infra/local/lambda/types.ts'
import {
  SqsEventSourceConfigError,
  type SqsEventSourceOptions,
  startSqsEventSource,
} from '../../infra/local/pollers/sqs.ts'
import { createQueue, sendBodies, startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'
import { OK, queueDrained, recordingFunction, startTestMapping } from '../helpers/sqs-function.ts'
import { waitFor } from '../helpers/wait.ts'

/** Real AWS sample (see test/fixtures/aws-events/README.md). */
const fixturePath = new URL('../fixtures/aws-events/sqs-base.json', import.meta.url)

describe('SQS event source mapping: batches and events', () => {
  let env: TestSnsSqs
  const warnings: string[] = []
  const logger = {
    warn: (message: string, details: Record<string, unknown>) =>
      warnings.push(`${message} ${JSON.stringify(details)}`),
  }

  before(async () => {
    env = await startTestSnsSqs()
  })
  after(() => env.stop())

  const start = (
    t: TestContext,
    queueUrl: string,
    invoke: Invoke,
    extra: Partial<SqsEventSourceOptions> = {},
  ) => startTestMapping(t, { sqs: env.sqs, queueUrl, invoke, logger, ...extra })

  const drained = (queueUrl: string) => queueDrained(env.sqs, queueUrl)

  it('gathers messages that arrive one by one into one batch during the batching window', async (t) => {
    const queue = await createQueue(env.sqs, 'window')
    const fn = recordingFunction(() => OK)
    start(t, queue.url, fn.invoke, { batchSize: 3, maximumBatchingWindowSeconds: 20, maximumConcurrency: 1 })
    for (const body of ['a', 'b', 'c']) {
      await sendBodies(env.sqs, queue.url, [body])
      await sleep(300)
    }
    await waitFor('a full batch', () => fn.records().length === 3)
    assert.deepEqual(
      fn.calls.map((c) => c.Records.map((r) => r.body)),
      [['a', 'b', 'c']],
    )
  })

  it('invokes once with a batch larger than 10 and deletes all of it', async (t) => {
    const queue = await createQueue(env.sqs, 'large-batch')
    const bodies = Array.from({ length: 25 }, (_, i) => `m${i}`)
    await sendBodies(env.sqs, queue.url, bodies)
    const fn = recordingFunction(() => OK)
    start(t, queue.url, fn.invoke, { batchSize: 25, maximumBatchingWindowSeconds: 20, maximumConcurrency: 1 })
    await waitFor('an empty queue', async () => fn.calls.length > 0 && (await drained(queue.url)()))
    assert.equal(fn.calls.length, 1)
    assert.deepEqual(
      fn
        .records()
        .map((r) => r.body)
        .sort(),
      [...bodies].sort(),
    )
  })

  it('deletes the whole batch when batchItemFailures is empty', async (t) => {
    const queue = await createQueue(env.sqs, 'empty-failures')
    await sendBodies(env.sqs, queue.url, ['a', 'b'])
    const fn = recordingFunction(() => ({ ok: true, result: { batchItemFailures: [] } }))
    const mapping = start(t, queue.url, fn.invoke, { reportBatchItemFailures: true })
    await waitFor('an empty queue', async () => fn.records().length === 2 && (await drained(queue.url)()))
    assert.equal(mapping.stats().failedMessages, 0)
  })

  it('fails the whole batch when an itemIdentifier is not a message of the batch', async (t) => {
    const queue = await createQueue(env.sqs, 'bad-identifier', { VisibilityTimeout: '1' })
    await sendBodies(env.sqs, queue.url, ['a', 'b'])
    const fn = recordingFunction((_event, call) =>
      call === 1
        ? { ok: true, result: { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] } }
        : OK,
    )
    start(t, queue.url, fn.invoke, { reportBatchItemFailures: true, maximumConcurrency: 1 })
    await waitFor('both messages again', () => fn.records().length >= 4)
    await waitFor('an empty queue', drained(queue.url))
    const again = fn.records().slice(2)
    assert.deepEqual(again.map((r) => [r.body, r.attributes.ApproximateReceiveCount]).sort(), [
      ['a', '2'],
      ['b', '2'],
    ])
    assert.ok(warnings.some((w) => w.includes('not-in-this-batch')))
  })

  it('builds records with the keys and shapes of a real SQS event', async (t) => {
    const fixture = JSON.parse(await readFile(fixturePath, 'utf8')) as SQSEvent
    const queue = await createQueue(env.sqs, 'shape')
    await env.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"hello":"world"}',
        MessageAttributes: {
          type: { DataType: 'String', StringValue: 'OrderPlaced' },
          blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      }),
    )
    const fn = recordingFunction(() => OK)
    start(t, queue.url, fn.invoke)
    const record = await waitFor('the record', () => fn.records()[0])
    const sample = fixture.Records[0] as SQSRecord
    assert.deepEqual(Object.keys(record), [
      ...Object.keys(sample).slice(0, 6),
      'md5OfMessageAttributes',
      ...Object.keys(sample).slice(6),
    ])
    for (const key of Object.keys(sample) as Array<keyof SQSRecord>) {
      assert.equal(typeof record[key], typeof sample[key], key)
    }
    assert.deepEqual(Object.keys(record.attributes).sort(), Object.keys(sample.attributes).sort())
    for (const value of Object.values(record.attributes)) assert.match(String(value), /^\S+$/)
    assert.deepEqual(record.messageAttributes, {
      type: { stringValue: 'OrderPlaced', stringListValues: [], binaryListValues: [], dataType: 'String' },
      blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
    })
    assert.equal(record.body, '{"hello":"world"}')
    assert.equal(record.md5OfBody, createHash('md5').update(record.body).digest('hex'))
    assert.equal(record.eventSource, 'aws:sqs')
    assert.equal(record.eventSourceARN, queue.arn)
    assert.equal(record.awsRegion, 'us-east-1')
  })

  it('delivers a FIFO queue in order per message group, with the FIFO attributes', async (t) => {
    const queue = await createQueue(env.sqs, 'ordered.fifo', { FifoQueue: 'true' })
    const sent = ['a1', 'b1', 'a2', 'b2', 'a3', 'b3']
    for (const body of sent) {
      await env.sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.url,
          MessageBody: body,
          MessageGroupId: body.slice(0, 1),
          MessageDeduplicationId: body,
        }),
      )
    }
    const fn = recordingFunction(() => OK)
    start(t, queue.url, fn.invoke, { maximumConcurrency: 2 })
    await waitFor('every message', () => fn.records().length === sent.length)
    const bodies = fn.records().map((r) => r.body)
    assert.deepEqual(
      bodies.filter((b) => b.startsWith('a')),
      ['a1', 'a2', 'a3'],
    )
    assert.deepEqual(
      bodies.filter((b) => b.startsWith('b')),
      ['b1', 'b2', 'b3'],
    )
    const first = fn.records()[0]
    assert.equal(first?.attributes.MessageGroupId, first?.body.slice(0, 1))
    assert.equal(first?.attributes.MessageDeduplicationId, first?.body)
    assert.match(first?.attributes.SequenceNumber ?? '', /^\d+$/)
  })

  it('refuses settings that AWS refuses', () => {
    const base = { sqs: env.sqs, functionName: 'f', invoke: async () => OK }
    const queueUrl = 'http://127.0.0.1/000000000000/q'
    assert.throws(() => startSqsEventSource({ ...base, queueUrl, batchSize: 11 }), SqsEventSourceConfigError)
    assert.throws(
      () => startSqsEventSource({ ...base, queueUrl, batchSize: 10_001, maximumBatchingWindowSeconds: 1 }),
      SqsEventSourceConfigError,
    )
    assert.throws(
      () => startSqsEventSource({ ...base, queueUrl: `${queueUrl}.fifo`, maximumBatchingWindowSeconds: 1 }),
      SqsEventSourceConfigError,
    )
  })
})
