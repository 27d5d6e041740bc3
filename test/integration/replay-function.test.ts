import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, before, beforeEach, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { PutItemCommand } from '@aws-sdk/client-dynamodb'
import { PurgeQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs'
import { marshall } from '@aws-sdk/util-dynamodb'
import { backbone } from '../../functions/backbone.ts'
import { registry } from '../../functions/domain.ts'
import { type RunningServer, startInvokeApi } from '../../infra/local/invoke-api/index.ts'
import { createLambdaHost, type LambdaHost } from '../../infra/local/lambda/host.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createFanoutResources, type FanoutResources } from '../../infra/local/resources/fanout.ts'
import { createReplayJobsTable } from '../../infra/local/resources/replay-jobs-table.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import type { ReplayResponse } from '../../shared/replay/response.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { dayOf, timeKeyOf } from '../../shared/store/dynamodb/time-index.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { deployedTopologyOf } from '../../shared/topology/deployed.ts'
import { eventually, startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

const entry = fileURLToPath(new URL('../../functions/replay.ts', import.meta.url))
const cli = fileURLToPath(new URL('../../scripts/replay.ts', import.meta.url))
const run = promisify(execFile)
const from = '2026-01-01T00:00:00Z'
const placed = (i: number) => ({
  type: 'OrderPlaced',
  data: {
    orderId: `o-${i}`,
    customerId: 'c-1',
    items: [{ sku: 'A', quantity: 1, unitPrice: 2 }],
    currency: 'EUR',
  },
})
const paid = (i: number) => ({ type: 'OrderPaid', data: { orderId: `o-${i}`, amount: 2, currency: 'EUR' } })

interface Received {
  body: Record<string, unknown>
  attributes: Record<string, string | undefined>
}

/** Receives until the queue reads empty. */
async function drain(sqs: SQSClient, queueUrl: string): Promise<Received[]> {
  const out: Received[] = []
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    )
    if (Messages.length === 0) return out
    for (const m of Messages) {
      const attributes = Object.fromEntries(
        Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
      )
      out.push({ body: JSON.parse(m.Body ?? '{}'), attributes })
    }
  }
}

/** The deployed-topology variables of the example over `fanout`, as the local runtime sets them. */
function deployedVariables(fanout: FanoutResources): Record<string, string> {
  const deployed = deployedTopologyOf(backbone, fanout.topicArns, fanout.consumerQueues)
  return {
    TOPIC_ARNS: JSON.stringify(deployed.topicArns),
    EVENT_ROUTES: JSON.stringify(deployed.routes),
    CONSUMER_QUEUES: JSON.stringify(deployed.consumers),
  }
}

describe('replay function on the local Lambda host', () => {
  let db: TestDynamoDB
  let mq: TestSnsSqs
  let host: LambdaHost
  let api: RunningServer
  let fanout: FanoutResources
  let store: EventStore
  let clock = Date.parse('2026-02-01T10:00:00.000Z')
  const ids: string[] = []
  /** Exclusive end of the seeded history (later tests add events after it). */
  let seededUntil = ''
  const queue = (name: string) => fanout.consumerQueues[name]?.queueUrl as string

  const invoke = async (name: string, request: unknown) => {
    const outcome = await host.invoke(name, request)
    if (!outcome.ok)
      throw Object.assign(new Error(outcome.error.errorMessage), { name: outcome.error.errorType })
    return outcome.result as ReplayResponse
  }

  before(async () => {
    ;[db, mq] = await Promise.all([startTestDynamoDB({ inMemory: true }), startTestSnsSqs()])
    await createEventsTable(db.dynamodb, 'events')
    await createReplayJobsTable(db.dynamodb, 'replay-jobs')
    fanout = await createFanoutResources(mq.sns, mq.sqs, backbone)
    host = createLambdaHost({ log: () => {} })
    api = await startInvokeApi({ lambda: host, status: async () => ({}) })
    const environment = (marginMs: number) => ({
      EVENTS_TABLE_NAME: 'events',
      REPLAY_JOBS_TABLE_NAME: 'replay-jobs',
      ...deployedVariables(fanout),
      AWS_ENDPOINT_URL_DYNAMODB: db.engine.endpoint,
      AWS_ENDPOINT_URL_SNS: mq.engine.endpoint,
      AWS_ENDPOINT_URL_SQS: mq.engine.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: api.url,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      REPLAY_DEADLINE_MARGIN_MS: String(marginMs),
    })
    host.register({
      name: 'replay',
      entry,
      timeoutSeconds: 60,
      concurrency: 2,
      environment: environment(1000),
    })
    // 4 s per invocation with 3.5 s kept back: a few batches each, then a continuation.
    host.register({
      name: 'replay-short',
      entry,
      timeoutSeconds: 4,
      concurrency: 2,
      environment: environment(3500),
    })
    store = new EventStore({
      storage: new DynamoDBEventStorage({ client: createDocumentClient(db.dynamodb), tableName: 'events' }),
      registry,
      clock: () => {
        clock += 1
        return new Date(clock)
      },
    })
    // 30 orders on 2026-02-01: placed then paid. 60 events, 30 of each type.
    for (let i = 0; i < 30; i++) {
      const { events } = await store.append(`order-${i}`, [placed(i), paid(i)])
      ids.push(...events.map((e) => e.id))
    }
    seededUntil = new Date(clock + 1).toISOString()
  })

  after(async () => {
    await host?.close()
    await api?.stop()
    await Promise.all([db?.stop(), mq?.stop()])
  })

  beforeEach(async () => {
    for (const name of ['order-summary', 'shipping-notifier']) {
      await mq.sqs.send(new PurgeQueueCommand({ QueueUrl: queue(name) }))
    }
  })

  it('replays to one consumer only, marked as replays with the original ids; the other consumer sees nothing', async () => {
    const out = await invoke('replay', {
      target: { consumer: 'order-summary' },
      filter: { from },
      reprocess: true,
      ratePerSecond: 1000,
    })
    assert.deepEqual([out.status, out.matched, out.sent, out.failed], ['completed', 60, 60, 0])
    const received = await drain(mq.sqs, queue('order-summary'))
    assert.deepEqual(received.map((r) => r.body.id).sort(), [...ids].sort())
    assert.ok(received.every((r) => r.body.replay === true && r.body.reprocess === true))
    assert.ok(received.every((r) => r.attributes.replay === 'true' && r.attributes.reprocess === 'true'))
    assert.deepEqual(await drain(mq.sqs, queue('shipping-notifier')), [])
  })

  it('replays everything from the oldest stored event when the request names only the target', async () => {
    const out = await invoke('replay', { target: { consumer: 'order-summary' } })
    assert.deepEqual([out.status, out.matched, out.sent, out.failed], ['completed', 60, 60, 0])
    const received = await drain(mq.sqs, queue('order-summary'))
    assert.deepEqual(received.map((r) => r.body.id).sort(), [...ids].sort())
  })

  it('counts in a dry run exactly what a real run sends, for each filter', async () => {
    const filters = [
      { from, types: ['OrderPaid'] },
      { streamIds: ['order-3', 'order-4'] },
      { from: new Date(clock - 20).toISOString(), to: new Date(clock - 5).toISOString() },
    ]
    for (const filter of filters) {
      const request = { target: { topic: 'orders' }, filter, ratePerSecond: 1000 }
      const dry = await invoke('replay', { ...request, dryRun: true })
      assert.equal((await drain(mq.sqs, queue('order-summary'))).length, 0, 'a dry run sends nothing')
      const real = await invoke('replay', request)
      const received = await drain(mq.sqs, queue('order-summary'))
      assert.ok(dry.matched > 0 && dry.matched < 60, `${JSON.stringify(filter)} matched ${dry.matched}`)
      assert.deepEqual([real.sent, received.length], [dry.matched, dry.matched])
      // Batches go out several at a time, so a standard queue may hold them in another order.
      const receivedIds = received.map((r) => r.body.id)
      assert.ok(receivedIds.includes(dry.first?.id ?? '') && receivedIds.includes(dry.last?.id ?? ''))
    }
  })

  it('continues itself through the Invoke API when its time runs out, and finishes without losing events', async () => {
    const first = await invoke('replay-short', {
      target: { consumer: 'order-summary' },
      filter: { from },
      ratePerSecond: 50,
    })
    assert.equal(first.status, 'running')
    const done = await eventually(
      'the replay to complete',
      async () => {
        const status = await invoke('replay-short', { jobId: first.jobId })
        return status.status === 'completed' && status
      },
      60_000,
    )
    assert.ok(done.invocations > 1, `${done.invocations} invocations`)
    const received = new Set((await drain(mq.sqs, queue('order-summary'))).map((r) => r.body.id))
    assert.deepEqual([...received].sort(), [...ids].sort())
  })

  it('holds the send rate within 10% of the cap', async () => {
    const started = performance.now()
    const out = await invoke('replay', {
      target: { consumer: 'order-summary' },
      filter: { from },
      ratePerSecond: 40,
    })
    const elapsedS = (performance.now() - started) / 1000
    const expectedS = out.sent / 40
    assert.equal(out.sent, 60)
    assert.ok(out.sent / elapsedS <= 40 * 1.1, `${out.sent} events in ${elapsedS.toFixed(2)} s (cap 40/s)`)
    assert.ok(elapsedS >= expectedS / 1.1, `expected at least ${expectedS} s`)
  })

  it('sends an event stored under an old schema version upcast to the newest', async () => {
    clock += 1
    const time = new Date(clock).toISOString()
    const item = {
      streamId: 'order-legacy',
      version: 1,
      eventId: 'legacy-1',
      type: 'OrderPlaced',
      schemaVersion: 1,
      data: { orderId: 'legacy', customerId: 'c-9', items: [{ sku: 'B', quantity: 2, unitPrice: 5 }] },
      metadata: {},
      time,
      timeBucket: dayOf(time),
      timeKey: timeKeyOf(time, 'order-legacy', 1),
    }
    await db.dynamodb.send(new PutItemCommand({ TableName: 'events', Item: marshall(item) }))
    const out = await invoke('replay', {
      target: { consumer: 'order-summary' },
      filter: { streamIds: ['order-legacy'] },
    })
    assert.equal(out.sent, 1)
    const [message] = await drain(mq.sqs, queue('order-summary'))
    assert.equal(message?.body.id, 'legacy-1')
    assert.equal(message?.body.schemaversion, 2)
    assert.equal(message?.attributes.schemaversion, '2')
    assert.equal((message?.body.data as { currency?: string } | undefined)?.currency, 'EUR')
  })

  it('rejects bad requests with ReplayRequestError naming the field, before sending anything', async () => {
    const cases: Array<[unknown, string]> = [
      [{ target: { consumer: 'billing' }, filter: { from } }, 'target.consumer'],
      [{ target: { topic: 'payments' }, filter: { from } }, 'target.topic'],
      [
        { target: { consumer: 'order-summary' }, filter: { from: '2026-03-01T00:00:00Z', to: from } },
        'filter.to',
      ],
      [{ target: { consumer: 'order-summary' }, filter: { from: '01/01/2026' } }, 'filter.from'],
      [{ target: { consumer: 'order-summary' }, filter: { from }, rate: 5 }, 'rate'],
      [[1, 2], '(request)'],
    ]
    for (const [request, field] of cases) {
      const outcome = await host.invoke('replay', request)
      assert.equal(outcome.ok, false, JSON.stringify(request))
      if (outcome.ok) continue
      assert.equal(outcome.error.errorType, 'ReplayRequestError')
      assert.ok(outcome.error.errorMessage.includes(`${field}: `), outcome.error.errorMessage)
    }
    assert.deepEqual(await drain(mq.sqs, queue('order-summary')), [])
  })

  /** Runs `npm run replay -- ...args` against this test's Invoke API; resolves with its exit code and output. */
  async function replayCli(args: string[]) {
    const env = { ...process.env, BACKBONE_LAMBDA_PORT: new URL(api.url).port }
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string }
      return { code: e.code, stdout: e.stdout, stderr: e.stderr }
    }
  }

  it('runs a replay from the command line, showing progress until the job ends', async () => {
    // 60 events at 40/s; on a loaded machine the first poll may already see the job finished, so the
    // bar's last word is either state.
    const out = await replayCli([
      '--consumer',
      'order-summary',
      '--from',
      from,
      '--to',
      seededUntil,
      '--rate',
      '40',
    ])
    assert.equal(out.code, 0, out.stderr)
    const status = JSON.parse(out.stdout) as ReplayResponse
    assert.deepEqual([status.status, status.sent], ['completed', 60])
    assert.match(out.stderr, /^\[[#-]+\] +\d+% sent \d+ failed 0 \d+\/s (running|completed)$/m)
    assert.match(out.stderr, /completed: sent 60, failed 0/)
    assert.equal((await drain(mq.sqs, queue('order-summary'))).length, 60)
  })

  it('exits non-zero from the command line with the error naming the field, sending nothing', async () => {
    const out = await replayCli(['--consumer', 'billing', '--from', from])
    assert.equal(out.code, 1)
    assert.match(
      out.stderr,
      /ReplayRequestError: Invalid replay request: target\.consumer: unknown consumer "billing"/,
    )
    assert.deepEqual(await drain(mq.sqs, queue('order-summary')), [])
  })
})
