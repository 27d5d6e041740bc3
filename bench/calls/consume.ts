/**
 * AWS calls per event of a consumer, in each of the middleware's two modes, against one write per
 * event (the effect itself):
 * - transactional effects (order-summary): the effect and the dedup record are one TransactWriteItems;
 * - handlers with claim / complete (shipping-notifier): claim, the handler's own write, complete;
 * - transactional effects on a FIFO queue (order-history): the line, the head and the dedup record;
 * - transactional effects of OrderPlaced and OrderPaid only (daily-sales): its day's item and the dedup record.
 */
import type { Handler, SQSEvent, SQSRecord } from 'aws-lambda'
import { lambdaContext } from '../lib/aws-events.ts'
import { type Figure, figure, valueAtMost } from '../lib/figure.ts'
import { orderRecords } from '../lib/order-events.ts'
import type { CallCounter } from './counter.ts'

const BATCH = 10

/** A consumer to count: its name, mode, the event types it receives, and its target. */
export interface CountedConsumer {
  name: string
  mode: string
  /** Only these types are delivered (its filter policy); all when undefined. */
  types?: readonly string[]
  /** Calls per event it must stay within; undefined for an informational figure. */
  atMost?: number
  /** Its records, when they are not order lives (a FIFO consumer's notes). */
  records?: (count: number, queueArn: string) => SQSRecord[]
}

const ofTypes = (records: SQSRecord[], types: readonly string[] | undefined) =>
  types === undefined
    ? records
    : records.filter((r) => types.includes((JSON.parse(r.body) as { type: string }).type))

/** Invokes `handler` with 10-record batches of fresh events of the types `consumer` receives. */
export async function consumeCalls(
  counter: CallCounter,
  handler: Handler<SQSEvent, { batchItemFailures: unknown[] }>,
  consumer: CountedConsumer,
  events = 100,
): Promise<Figure> {
  const queueArn = `arn:aws:sqs:us-east-1:000000000000:${consumer.name}`
  const records: SQSRecord[] = []
  const make = consumer.records ?? orderRecords
  while (records.length < events) records.push(...ofTypes(make(events, queueArn), consumer.types))
  records.length = events
  // Steady state: a first batch builds the consumer, which reads what it caches per instance (a
  // projection's state, once per 5 s: 0.002 calls per event at 100 events/s), then counting starts.
  const warmUp = ofTypes(make(BATCH, queueArn), consumer.types).slice(0, BATCH)
  await handler({ Records: warmUp }, lambdaContext(consumer.name), () => {})
  counter.reset()
  for (let i = 0; i < records.length; i += BATCH) {
    const response = await handler(
      { Records: records.slice(i, i + BATCH) },
      lambdaContext(consumer.name),
      () => {},
    )
    if (response && response.batchItemFailures.length > 0) throw new Error('the consumer failed records')
  }
  return figure({
    section: '3 AWS calls per event',
    name: `consume (${consumer.name}, ${consumer.mode}): calls per event`,
    value: counter.count() / events,
    baseline: 1,
    unit: 'calls',
    baselineLabel: 'one write per event (the effect itself)',
    ...(consumer.atMost === undefined ? {} : { target: valueAtMost(consumer.atMost, 'call') }),
    note: `${events} events: ${counter.describe()}`,
  })
}
