import assert from 'node:assert/strict'
import { after, before, describe, it, type TestContext } from 'node:test'
import type { SQSEvent } from 'aws-lambda'
import type { Invoke } from '../../infra/local/lambda/types.ts'
import { queueCounts } from '../../infra/local/pollers/queue-counts.ts'
import type { SqsEventSourceOptions } from '../../infra/local/pollers/sqs.ts'
import {
  createQueue,
  createQueueWithDlq,
  sendBodies,
  startTestSnsSqs,
  type TestSnsSqs,
} from '../helpers/sns-sqs.ts'
import {
  functionError,
  OK,
  queueDrained,
  recordingFunction,
  startTestMapping,
} from '../helpers/sqs-function.ts'
import { waitFor } from '../helpers/wait.ts'

const bodiesAndCounts = (event: SQSEvent | undefined) =>
  (event?.Records ?? []).map((r) => [r.body, r.attributes.ApproximateReceiveCount]).sort()

describe('SQS event source mapping', () => {
  let env: TestSnsSqs
  const warnings: Array<{ message: string; details: Record<string, unknown> }> = []
  const logger = {
    warn: (message: string, details: Record<string, unknown>) => warnings.push({ message, details }),
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
  ) => startTestMapping(t, { sqs: env.sqs, queueUrl, invoke, maximumConcurrency: 1, logger, ...extra })

  const drained = (queueUrl: string) => queueDrained(env.sqs, queueUrl)

  it('deletes every message of a batch the function handled', async (t) => {
    const queue = await createQueue(env.sqs, 'success', { VisibilityTimeout: '30' })
    await sendBodies(env.sqs, queue.url, ['a', 'b', 'c'])
    const fn = recordingFunction(() => OK)
    const mapping = start(t, queue.url, fn.invoke)
    await waitFor('three records', () => fn.records().length === 3)
    await waitFor('an empty queue', drained(queue.url))
    assert.deepEqual(
      fn
        .records()
        .map((r) => r.body)
        .sort(),
      ['a', 'b', 'c'],
    )
    assert.deepEqual(mapping.stats(), { batches: fn.calls.length, messages: 3, failedMessages: 0 })
  })

  it('leaves every message of a failed batch to return after the visibility timeout', async (t) => {
    const queue = await createQueue(env.sqs, 'function-error', { VisibilityTimeout: '1' })
    await sendBodies(env.sqs, queue.url, ['a', 'b', 'c'])
    const fn = recordingFunction((_event, call) => (call === 1 ? functionError('boom') : OK))
    const mapping = start(t, queue.url, fn.invoke)
    await waitFor('redelivery', () => fn.records().length >= 6)
    await waitFor('an empty queue', drained(queue.url))
    assert.deepEqual(bodiesAndCounts(fn.calls[0]), [
      ['a', '1'],
      ['b', '1'],
      ['c', '1'],
    ])
    const retried = fn.calls.slice(1).flatMap((c) => c.Records)
    assert.deepEqual(retried.map((r) => [r.body, r.attributes.ApproximateReceiveCount]).sort(), [
      ['a', '2'],
      ['b', '2'],
      ['c', '2'],
    ])
    assert.equal(mapping.stats().failedMessages, 3)
  })

  it('keeps polling when the invoke itself rejects, treating the batch as failed', async (t) => {
    const queue = await createQueue(env.sqs, 'invoke-rejects', { VisibilityTimeout: '1' })
    await sendBodies(env.sqs, queue.url, ['x'])
    const fn = recordingFunction((_event, call) => {
      if (call === 1) throw new Error('host crashed')
      return OK
    })
    start(t, queue.url, fn.invoke)
    await waitFor('a second delivery', () => fn.calls.length >= 2)
    await waitFor('an empty queue', drained(queue.url))
    assert.equal(fn.calls[1]?.Records[0]?.attributes.ApproximateReceiveCount, '2')
  })

  it('deletes only the successes of a partial batch response; the failure returns with receive count 2', async (t) => {
    const queue = await createQueue(env.sqs, 'partial', { VisibilityTimeout: '1' })
    await sendBodies(env.sqs, queue.url, ['good-1', 'bad', 'good-2'])
    const fn = recordingFunction((event, call) => {
      const bad = event.Records.find((r) => r.body === 'bad')
      if (call > 1 || !bad) return OK
      return { ok: true, result: { batchItemFailures: [{ itemIdentifier: bad.messageId }] } }
    })
    const mapping = start(t, queue.url, fn.invoke, { reportBatchItemFailures: true })
    await waitFor('the failed message back', () => fn.calls.length >= 2)
    await waitFor('an empty queue', drained(queue.url))
    assert.deepEqual(bodiesAndCounts(fn.calls[1]), [['bad', '2']])
    assert.equal(fn.records().length, 4, 'the successes were not delivered again')
    assert.equal(mapping.stats().failedMessages, 1)
  })

  it('moves a message that fails maxReceiveCount times to the DLQ and empties the source queue', async (t) => {
    const { queue, dlq } = await createQueueWithDlq(env.sqs, 'poison', {
      maxReceiveCount: 2,
      visibilityTimeout: 1,
    })
    await sendBodies(env.sqs, queue.url, ['poison'])
    const fn = recordingFunction(() => functionError('always'))
    start(t, queue.url, fn.invoke)
    await waitFor('the message in the DLQ', async () => (await queueCounts(env.sqs, dlq.url)).visible === 1)
    assert.deepEqual(await queueCounts(env.sqs, queue.url), { visible: 0, inFlight: 0 })
    assert.deepEqual(
      fn.records().map((r) => r.attributes.ApproximateReceiveCount),
      ['1', '2'],
    )
  })

  it('lets stop() wait for the batch in flight and settle it', async (t) => {
    const queue = await createQueue(env.sqs, 'stop', { VisibilityTimeout: '30' })
    await sendBodies(env.sqs, queue.url, ['slow'])
    let release: () => void = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const fn = recordingFunction(async () => {
      await released
      return OK
    })
    const mapping = start(t, queue.url, fn.invoke)
    await waitFor('the invocation', () => fn.calls.length === 1)
    let stopped = false
    const stopping = mapping.stop().then(() => {
      stopped = true
    })
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(stopped, false, 'stop() returned while a batch was in flight')
    release()
    await stopping
    assert.deepEqual(await queueCounts(env.sqs, queue.url), { visible: 0, inFlight: 0 })
  })
})
