/**
 * Part 5, replay throughput: the replay function (in process, against the embedded engines) against
 * a naive replay of the same events to the same queue in the same run: read one event (GetItem),
 * send one message (SendMessage). Target: at least 10× the naive rate.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { Handler } from 'aws-lambda'
import { LocalTables } from '../../infra/local/functions.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { registry } from '../../shared/domain/registry.ts'
import { toCloudEvent } from '../../shared/events/envelope.ts'
import { DynamoDbEventStore } from '../../shared/store/dynamodb/dynamodb-event-store.ts'
import { EventsTableSchema } from '../../shared/store/table-schema.ts'
import { lambdaContext } from '../lib/aws-events.ts'
import type { BenchEngines } from '../lib/engines.ts'
import { type Figure, figure, ratioAtLeast } from '../lib/figure.ts'
import { BENCH_SOURCE, orderLife } from '../lib/order-events.ts'
import { median } from '../lib/stats.ts'

interface Seeded {
  keys: { streamId: string; version: number }[]
  from: string
  to: string
}

async function seed(engines: BenchEngines, count: number): Promise<Seeded> {
  const client = createDocumentClient(engines.clients.dynamodb)
  const store = new DynamoDbEventStore({ client, tableName: LocalTables.events, registry })
  const from = new Date(Date.now() - 1000).toISOString()
  const keys: Seeded['keys'] = []
  while (keys.length < count) {
    const orderId = crypto.randomUUID()
    const { events } = await store.append(
      `order-${orderId}`,
      orderLife(orderId).slice(0, count - keys.length),
    )
    keys.push(...events.map((e) => ({ streamId: e.streamId, version: e.version })))
  }
  return { keys, from, to: new Date(Date.now() + 1000).toISOString() }
}

/** Events per second of the naive replay: one GetItem and one SendMessage per event, in sequence. */
async function naiveRate(engines: BenchEngines, seeded: Seeded, queueUrl: string): Promise<number> {
  const client = createDocumentClient(engines.clients.dynamodb)
  const start = performance.now()
  for (const key of seeded.keys) {
    const { Item } = await client.send(
      new GetCommand({
        TableName: LocalTables.events,
        Key: { [EventsTableSchema.partitionKey]: key.streamId, [EventsTableSchema.sortKey]: key.version },
      }),
    )
    if (Item === undefined) throw new Error(`event ${key.streamId}/${key.version} not found`)
    const envelope = toCloudEvent(
      {
        streamId: key.streamId,
        version: key.version,
        id: String(Item.eventId),
        type: String(Item.type),
        schemaVersion: Number(Item.schemaVersion),
        data: Item.data,
        metadata: {},
        time: String(Item.time),
      },
      { source: BENCH_SOURCE, replay: true },
    )
    await engines.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(envelope) }),
    )
  }
  return seeded.keys.length / ((performance.now() - start) / 1000)
}

/** Events per second of the replay function on the same events. */
async function replayRate(handler: Handler, seeded: Seeded): Promise<number> {
  const start = performance.now()
  const response = (await handler(
    {
      target: { consumer: 'order-summary' },
      filter: { from: seeded.from, to: seeded.to },
      ratePerSecond: 10_000,
    },
    lambdaContext('replay', 900_000),
    () => {},
  )) as { sent: number; status: string }
  const seconds = (performance.now() - start) / 1000
  if (response.sent !== seeded.keys.length) {
    throw new Error(`replay sent ${response.sent} of ${seeded.keys.length} (${response.status})`)
  }
  return response.sent / seconds
}

/** Runs both replays `rounds` times, alternating, on `events` seeded events. */
export async function replayThroughput(
  engines: BenchEngines,
  opts: { events: number; rounds: number },
): Promise<Figure[]> {
  const queueUrl = engines.resources.consumerQueues['order-summary']?.queueUrl
  if (queueUrl === undefined) throw new Error('no order-summary queue')
  const seeded = await seed(engines, opts.events)
  const handler = ((await import('../../functions/replay.ts')) as { handler: Handler }).handler
  const naive: number[] = []
  const replay: number[] = []
  // One unmeasured round of each first, so neither side is timed while V8 is still compiling it.
  await replayRate(handler, seeded)
  await naiveRate(engines, seeded, queueUrl)
  for (let i = 0; i < opts.rounds; i++) {
    replay.push(await replayRate(handler, seeded))
    naive.push(await naiveRate(engines, seeded, queueUrl))
  }
  return [
    figure({
      section: '5 replay throughput',
      name: 'replay to one consumer queue',
      value: median(replay),
      baseline: median(naive),
      unit: 'events/s',
      baselineLabel: 'naive: GetItem + SendMessage per event',
      target: ratioAtLeast(10),
      note: `${opts.events} events, median of ${opts.rounds} after a warm-up round`,
    }),
  ]
}
