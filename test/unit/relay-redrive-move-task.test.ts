import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs'
import { ConfigError } from '../../shared/errors.ts'
import { loadRedriveConfig } from '../../shared/redrive/config.ts'
import { UnknownConsumerError } from '../../shared/redrive/errors.ts'
import { redriveWithMoveTask } from '../../shared/redrive/move-task.ts'
import { redriveConsumer } from '../../shared/redrive/redrive.ts'
import { parseRedriveRequest, queuesOf } from '../../shared/redrive/request.ts'
import type { SqsSend } from '../../shared/redrive/types.ts'

const queues = {
  queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/order-summary',
  queueArn: 'arn:aws:sqs:eu-west-1:1:order-summary',
  dlqUrl: 'https://sqs.eu-west-1.amazonaws.com/1/order-summary-dlq',
  dlqArn: 'arn:aws:sqs:eu-west-1:1:order-summary-dlq',
}

/** Stands in for SQS at the SDK boundary (the AWS move-task API has no local emulator). */
function fakeSqs(statuses: Array<{ Status: string; ApproximateNumberOfMessagesMoved: number }>) {
  const started: unknown[] = []
  let listed = 0
  const sqs = {
    send: async (command: unknown) => {
      if (command instanceof StartMessageMoveTaskCommand) {
        started.push(command.input)
        return { TaskHandle: 'handle-1' }
      }
      if (command instanceof ListMessageMoveTasksCommand) {
        const result = statuses[Math.min(listed++, statuses.length - 1)]
        return { Results: [result] }
      }
      throw new Error(`unexpected command ${String(command)}`)
    },
  } as unknown as SqsSend
  return { sqs, started }
}

describe('redrive with the SQS move task', () => {
  it('starts a move from the DLQ to its source queue and reports the moved count once completed', async () => {
    const { sqs, started } = fakeSqs([
      { Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 3 },
      { Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 12 },
    ])
    const result = await redriveWithMoveTask(sqs, queues, { pollIntervalMs: 1 })
    assert.deepEqual(started, [{ SourceArn: queues.dlqArn, DestinationArn: queues.queueArn }])
    assert.deepEqual(result, { moved: 12, status: 'COMPLETED', strategy: 'move-task' })
  })

  it('answers RUNNING with the count so far when the task outlives the wait', async () => {
    const { sqs } = fakeSqs([{ Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 4 }])
    const result = await redriveWithMoveTask(sqs, queues, { waitMs: 0 })
    assert.deepEqual(result, { moved: 4, status: 'RUNNING', strategy: 'move-task' })
  })

  it('throws SQS errors other than an unknown action instead of falling back', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDenied' })
    const sqs = { send: async () => Promise.reject(denied) } as unknown as SqsSend
    await assert.rejects(redriveConsumer(sqs, queues), { name: 'AccessDenied' })
  })
})

describe('redrive request', () => {
  it('names the unknown consumer and the known ones', () => {
    assert.throws(
      () => queuesOf({ 'order-summary': queues }, 'constructor'),
      (error) => error instanceof UnknownConsumerError && /"constructor".*order-summary/.test(error.message),
    )
    assert.equal(queuesOf({ 'order-summary': queues }, 'order-summary'), queues)
  })

  it('rejects a request without a consumer name', () => {
    assert.throws(() => parseRedriveRequest({ consumer: '' }), { name: 'InvalidRedriveRequestError' })
    assert.deepEqual(parseRedriveRequest({ consumer: 'order-summary' }), { consumer: 'order-summary' })
  })
})

describe('redrive config', () => {
  it('takes the consumers the deployment has, whatever their names, from CONSUMER_QUEUES', () => {
    const deployed = { ...queues, topic: 'payments' }
    const env = { CONSUMER_QUEUES: JSON.stringify({ ledger: deployed }) }
    assert.deepEqual(loadRedriveConfig(env).consumerQueues, { ledger: deployed })
  })

  it('rejects a consumer entry without its topic, naming CONSUMER_QUEUES and the field', () => {
    const env = { CONSUMER_QUEUES: JSON.stringify({ 'order-summary': queues }) }
    assert.throws(
      () => loadRedriveConfig(env),
      (e) =>
        e instanceof ConfigError &&
        e.variable === 'CONSUMER_QUEUES' &&
        /order-summary\.topic/.test(e.message),
    )
  })
})
