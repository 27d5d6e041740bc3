/**
 * Failure handling through the real local runtime: retries after the visibility timeout, the DLQ
 * after maxReceiveCount, and redrive (the function through the Invoke API, and `npm run redrive`).
 * The test consumer `flaky` fails while a switch item in the read-model table says so.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { SendMessageCommand } from '@aws-sdk/client-sqs'
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { flakyConsumer, flakyKeys } from '../fixtures/consumers/flaky-declaration.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { envelope, newOrder, orderPlaced, publish } from '../helpers/orders.ts'
import { eventsApplied, readItem } from '../helpers/read-model.ts'
import { until } from '../helpers/wait.ts'

const projectRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Runs a command to completion; resolves with its exit code and output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

// Sequential: the tests share the flaky consumer's DLQ, whose counts they assert.
describe('retries, DLQ and redrive on the local runtime', () => {
  let t: TestStack
  before(async () => {
    t = await startTestStack({ extraConsumers: [flakyConsumer] })
  })
  after(() => t?.stop())

  const flaky = () => t.status().then((s) => s.eventSources.flaky)
  const setSwitch = (orderId: string, failUntilReceive: number) =>
    t.db.send(
      new PutCommand({ TableName: 'read-model', Item: { ...flakyKeys.switch(orderId), failUntilReceive } }),
    )

  it('retries a handler that fails twice until it succeeds, once', async () => {
    const order = newOrder('order-flaky-')
    await setSwitch(order.orderId, 2)
    const [event] = await publish(t.stack.urls.http, order.streamId, [orderPlaced(order.orderId)])
    const key = flakyKeys.effect(order.orderId, String(event?.id))
    // Two failed receives, each back after the 6 s visibility timeout.
    const effect = await until(
      'the handler to succeed',
      () => readItem(t.db, key),
      (i) => i?.handled === 1,
      {
        timeoutMs: 60_000,
      },
    )
    assert.ok(Number(effect?.attempts) >= 3, `attempts: ${effect?.attempts}`)
    const queues = await until('the message deleted', flaky, (q) => q?.queue.inFlight === 0)
    assert.deepEqual(queues?.dlq, { visible: 0, inFlight: 0 })
  })

  it('moves an always-failing event to the DLQ after maxReceiveCount and processes it once redriven after the fix', async () => {
    const order = newOrder('order-flaky-')
    await setSwitch(order.orderId, Number.MAX_SAFE_INTEGER)
    const [event] = await publish(t.stack.urls.http, order.streamId, [orderPlaced(order.orderId)])
    const key = flakyKeys.effect(order.orderId, String(event?.id))
    await until('the event in the DLQ', flaky, (q) => q?.dlq.visible === 1, { timeoutMs: 90_000 })
    const parked = await readItem(t.db, key)
    assert.equal(parked?.attempts, flakyConsumer.maxReceiveCount)
    assert.equal(parked?.handled, undefined)

    await t.db.send(new DeleteCommand({ TableName: 'read-model', Key: flakyKeys.switch(order.orderId) }))
    const answer = await t.invoke<{ consumer: string; moved: number }>('redrive', { consumer: 'flaky' })
    assert.equal(answer.consumer, 'flaky')
    assert.equal(answer.moved, 1)
    await until(
      'the redriven event handled',
      () => readItem(t.db, key),
      (i) => i?.handled === 1,
    )
    const queues = await until(
      'the queue drained',
      flaky,
      (q) => q?.queue.visible === 0 && q.queue.inFlight === 0,
    )
    assert.deepEqual(queues?.dlq, { visible: 0, inFlight: 0 })
  })

  it('npm run redrive moves a parked message back to its queue, where it is processed', async () => {
    const order = newOrder()
    const queues = t.stack.resources.consumerQueues['order-summary']
    const body = JSON.stringify(envelope(order.streamId, orderPlaced(order.orderId)))
    await t.sqs.send(new SendMessageCommand({ QueueUrl: queues?.dlqUrl, MessageBody: body }))
    const port = new URL(t.stack.urls.aws).port
    const { code, output } = await run('npm', ['run', '--silent', 'redrive', '--', 'order-summary'], {
      ...process.env,
      BACKBONE_AWS_PORT: port,
    })
    assert.equal(code, 0, output)
    assert.match(output, /Moved 1 message\(s\) from order-summary-dlq to order-summary/)
    await until(
      'the summary of the redriven event',
      () => eventsApplied(t.db, order.orderId),
      (n) => n === 1,
    )
    const status = await t.status()
    assert.deepEqual(status.eventSources['order-summary']?.dlq, { visible: 0, inFlight: 0 })
  })
})
