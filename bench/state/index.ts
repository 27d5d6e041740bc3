/**
 * Part 3b, state reads: `GET /streams/{id}` of a long stream against a 2-event stream's, through the
 * real read function in process, against the embedded DynamoDB engine. With snapshots the long
 * stream folds at most `every - 1` events past its latest snapshot, so both reads cost about the
 * same: the snapshot query and one page of the stream.
 */
import type { Context } from 'aws-lambda'
import { registry } from '../../functions/domain.ts'
import { documentClient } from '../../shared/clients/dynamodb.ts'
import { loadConfig, loadEventStoreConfig } from '../../shared/config.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { EventStore, type NewEvent } from '../../shared/store/event-store.ts'
import { countCalls } from '../calls/counter.ts'
import { lambdaContext, readStateRequest } from '../lib/aws-events.ts'
import { type Figure, figure, ratioAtMost, valueAtMost } from '../lib/figure.ts'
import { orderLife } from '../lib/order-events.ts'
import { timePaired } from '../lib/timing.ts'

const SECTION = '3 state reads'
const REQUESTS_PER_ROUND = 10
type ReadHandler = (event: unknown, context: Context) => Promise<{ statusCode: number; body?: string }>

/** Appends a placed order and `count - 1` payments, 99 events a request (the store's limit). */
async function longStream(store: EventStore, count: number): Promise<string> {
  const orderId = crypto.randomUUID()
  const [placed, paid] = orderLife(orderId) as [NewEvent, NewEvent]
  await store.append(`order-${orderId}`, [placed])
  for (let v = 2; v <= count; v += 99) {
    await store.append(
      `order-${orderId}`,
      Array.from({ length: Math.min(99, count - v + 1) }, () => paid),
    )
  }
  return `order-${orderId}`
}

export async function stateReads(opts: { events: number; rounds: number }): Promise<Figure[]> {
  const config = loadEventStoreConfig()
  const client = documentClient(config)
  const store = new EventStore({
    storage: new DynamoDBEventStorage({ client, tableName: config.eventsTableName }),
    registry,
  })
  const long = await longStream(store, opts.events)
  const shortId = crypto.randomUUID()
  await store.append(`order-${shortId}`, orderLife(shortId).slice(0, 2))
  const read = ((await import('../../functions/read.ts')) as { handler: ReadHandler }).handler
  const get = async (streamId: string) => {
    const response = await read(readStateRequest(streamId), lambdaContext('read'))
    if (response.statusCode !== 200) throw new Error(`read answered ${response.statusCode}: ${response.body}`)
  }
  const times = (streamId: string) => async (n: number) => {
    for (let i = 0; i < n; i++) await get(streamId)
  }
  const counter = countCalls(loadConfig())
  // The first read folds the whole stream and keeps the snapshot every later read starts from.
  await get(long)
  counter.reset()
  await get(long)
  const reads = counter.count(['Query', 'GetItem'])
  const described = counter.describe()
  const timed = await timePaired(times(long), times(`order-${shortId}`), {
    unitsPerRound: REQUESTS_PER_ROUND,
    rounds: opts.rounds,
    warmupRounds: 2,
  })
  return [
    figure({
      section: SECTION,
      name: `state of a ${opts.events}-event stream vs a 2-event stream`,
      value: timed.subjectMs,
      baseline: timed.baselineMs,
      unit: 'ms',
      baselineLabel: '2-event stream',
      target: ratioAtMost(1.5),
      note: `median of ${timed.rounds} rounds of ${REQUESTS_PER_ROUND} requests each`,
    }),
    figure({
      section: SECTION,
      name: `reads per state request (${opts.events}-event stream, snapshot kept)`,
      value: reads,
      baseline: 2,
      unit: 'calls',
      baselineLabel: 'snapshot query + one page',
      target: valueAtMost(2, 'calls'),
      note: described,
    }),
  ]
}
