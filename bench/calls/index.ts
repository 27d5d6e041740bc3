/**
 * Part 3, AWS calls per event on each path, counted by an SDK middleware while the real function
 * modules run in this process against the embedded engines: publish (write calls per request),
 * relay (PublishBatch per event, full 100-record stream batches), consume (calls per event, the
 * middleware's against the handler's own), replay (SendMessageBatch per event).
 */
import type { Context } from 'aws-lambda'
import { backbone } from '../../functions/backbone.ts'
import { registry } from '../../functions/domain.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { loadConfig } from '../../shared/config.ts'
import { classifyRecord } from '../../shared/relay/stream-record.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { FrameworkTables } from '../../shared/topology/catalogue.ts'
import { lambdaContext, publishRequest } from '../lib/aws-events.ts'
import type { BenchEngines } from '../lib/engines.ts'
import { type Figure, figure, valueAtMost } from '../lib/figure.ts'
import { noteRecords, orderLife } from '../lib/order-events.ts'
import { readStreamRecords } from '../lib/stream-records.ts'
import { consumeCalls } from './consume.ts'
import { type CallCounter, countCalls, DYNAMODB_WRITES } from './counter.ts'

const SECTION = '3 AWS calls per event'
// biome-ignore lint/suspicious/noExplicitAny: each function module types its own event and result
type AnyHandler = (event: any, context: Context) => Promise<any>

async function load(module: string): Promise<AnyHandler> {
  return ((await import(module)) as { handler: AnyHandler }).handler
}

async function publishCalls(counter: CallCounter, requests: number): Promise<Figure[]> {
  const publish = await load('../../functions/publish.ts')
  const variants = [
    { name: 'publish: write calls per request (1 event)', events: 1, key: false },
    { name: 'publish: write calls per request (3 events, Idempotency-Key)', events: 3, key: true },
  ]
  const figures: Figure[] = []
  for (const v of variants) {
    counter.reset()
    for (let i = 0; i < requests; i++) {
      const orderId = crypto.randomUUID()
      const headers: Record<string, string> = v.key ? { 'idempotency-key': crypto.randomUUID() } : {}
      const body = { events: orderLife(orderId).slice(0, v.events) }
      const response = await publish(
        publishRequest(`order-${orderId}`, body, headers),
        lambdaContext('publish'),
      )
      if (response.statusCode !== 201)
        throw new Error(`publish answered ${response.statusCode}: ${response.body}`)
    }
    figures.push(
      figure({
        section: SECTION,
        name: v.name,
        value: counter.count(DYNAMODB_WRITES) / requests,
        baseline: 1,
        unit: 'calls',
        baselineLabel: 'one atomic write',
        target: valueAtMost(1, 'call'),
        note: `${requests} requests: ${counter.describe()}`,
      }),
    )
  }
  return figures
}

/** Appends events straight to the store until the table holds at least `count` events. */
async function ensureEvents(engines: BenchEngines, count: number, have: number): Promise<void> {
  const storage = new DynamoDBEventStorage({
    client: createDocumentClient(engines.clients.dynamodb),
    tableName: FrameworkTables.events,
  })
  const store = new EventStore({ storage, registry })
  for (let n = have; n < count; n += 3) {
    const orderId = crypto.randomUUID()
    await store.append(`order-${orderId}`, orderLife(orderId))
  }
}

async function relayCalls(counter: CallCounter, engines: BenchEngines, published: number): Promise<Figure> {
  const relay = await load('../../functions/relay.ts')
  const size = backbone.relay.batchSize
  // At least two full batches, however few requests the publish part made.
  await ensureEvents(engines, 2 * size, published)
  const records = await readStreamRecords(
    engines.clients.dynamodb,
    engines.dynamo.endpoint,
    FrameworkTables.events,
  )
  // Event records only: the idempotency guards' records, which the relay skips, would otherwise
  // make batches of fewer than `size` events.
  const eventRecords = records.filter((r) => classifyRecord(r).kind === 'event')
  const full = eventRecords.slice(0, Math.floor(eventRecords.length / size) * size)
  const events = full.length
  counter.reset()
  for (let i = 0; i < full.length; i += size) {
    const response = await relay({ Records: full.slice(i, i + size) }, lambdaContext('relay'))
    if (response.batchItemFailures.length > 0) throw new Error('the relay reported failed records')
  }
  return figure({
    section: SECTION,
    name: `relay: PublishBatch calls per event (${size}-record batches)`,
    value: counter.count(['PublishBatch']) / events,
    baseline: 0.1,
    unit: 'calls',
    baselineLabel: '10 entries per call (SNS limit)',
    target: valueAtMost(0.1, 'call'),
    note: `${events} events in ${events / size} full batches: ${counter.describe()}`,
  })
}

async function replayCalls(counter: CallCounter, from: string): Promise<Figure> {
  const replay = await load('../../functions/replay.ts')
  counter.reset()
  const response = await replay(
    { target: { consumer: 'order-summary' }, filter: { from }, ratePerSecond: 10_000 },
    lambdaContext('replay', 900_000),
  )
  const sent = (response as { sent: number; status: string }).sent
  if (!(sent > 0)) throw new Error(`replay sent nothing: ${JSON.stringify(response)}`)
  return figure({
    section: SECTION,
    name: 'replay: SendMessageBatch calls per event',
    value: counter.count(['SendMessageBatch', 'SendMessage']) / sent,
    baseline: 0.1,
    unit: 'calls',
    baselineLabel: '10 entries per call (SQS limit)',
    target: valueAtMost(0.11, 'call'),
    note: `${sent} events: ${counter.describe()}`,
  })
}

/** Runs every path once against `engines` (whose env must already be in `process.env`). */
export async function awsCalls(engines: BenchEngines, opts: { requests: number }): Promise<Figure[]> {
  const counter = countCalls(loadConfig())
  const from = new Date(Date.now() - 60_000).toISOString()
  const figures = await publishCalls(counter, opts.requests)
  // The publish variants appended 1 and 3 events per request.
  figures.push(await relayCalls(counter, engines, opts.requests * 4))
  const summary = { name: 'order-summary', mode: 'transactional effects', atMost: 1 }
  figures.push(await consumeCalls(counter, await load('../../functions/consumers/order-summary.ts'), summary))
  const notifier = { name: 'shipping-notifier', mode: 'claim / complete', types: ['OrderShipped'] }
  figures.push(
    await consumeCalls(counter, await load('../../functions/consumers/shipping-notifier.ts'), notifier),
  )
  const history = {
    name: 'order-history',
    mode: 'FIFO, transactional effects',
    records: noteRecords,
    atMost: 1,
  }
  figures.push(await consumeCalls(counter, await load('../../functions/consumers/order-history.ts'), history))
  const sales = {
    name: 'daily-sales',
    mode: 'transactional effects',
    types: ['OrderPlaced', 'OrderPaid'],
    atMost: 1,
  }
  figures.push(await consumeCalls(counter, await load('../../functions/consumers/daily-sales.ts'), sales))
  figures.push(await replayCalls(counter, from))
  return figures
}
