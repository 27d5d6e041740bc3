/**
 * AWS calls per event of a consumer: everything the order-summary function calls, against one write
 * per event. Its effect is transactional (`shared/consumer/effects.ts`): the update and the dedup
 * record are one TransactWriteItems, where claim / update / complete cost 3 calls.
 */
import type { Handler, SQSEvent } from 'aws-lambda'
import { lambdaContext } from '../lib/aws-events.ts'
import { type Figure, figure, valueAtMost } from '../lib/figure.ts'
import { orderRecords } from '../lib/order-events.ts'
import type { CallCounter } from './counter.ts'

const BATCH = 10

/** Invokes `handler` (order-summary) with `batches` 10-record batches of fresh events. */
export async function consumeCalls(
  counter: CallCounter,
  handler: Handler<SQSEvent, { batchItemFailures: unknown[] }>,
  batches = 10,
): Promise<Figure> {
  const records = orderRecords(batches * BATCH, 'arn:aws:sqs:us-east-1:000000000000:order-summary')
  counter.reset()
  for (let i = 0; i < records.length; i += BATCH) {
    const response = await handler(
      { Records: records.slice(i, i + BATCH) },
      lambdaContext('order-summary'),
      () => {},
    )
    if (response && response.batchItemFailures.length > 0) throw new Error('the consumer failed records')
  }
  const events = records.length
  return figure({
    section: '3 AWS calls per event',
    name: 'consume (order-summary): calls per event',
    value: counter.count() / events,
    baseline: 1,
    unit: 'calls',
    baselineLabel: 'one write per event (the effect itself)',
    target: valueAtMost(1, 'call'),
    note: `${events} events: ${counter.describe()}`,
  })
}
