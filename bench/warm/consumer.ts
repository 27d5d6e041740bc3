/**
 * Warm overhead of the consumer middleware per record, in 10-record batches, against the work no
 * consumer can skip: JSON-parsing each body and validating its envelope and data against the schema.
 * The middleware runs as deployed (Powertools logger at INFO, EMF metrics) with in-memory dedup and
 * DLQ adapters and no-op handlers, so the figure is the middleware's own CPU, not I/O or user code.
 */
import { Logger } from '@aws-lambda-powertools/logger'
import { Metrics } from '@aws-lambda-powertools/metrics'
import type { SQSEvent, SQSRecord } from 'aws-lambda'
import { registry } from '../../functions/domain.ts'
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import {
  InMemoryDeadLetterChannel,
  InMemoryDedupStore,
} from '../../shared/consumer/in-memory/in-memory-adapters.ts'
import { parseCloudEvent } from '../../shared/events/parse-cloud-event.ts'
import { lambdaContext } from '../lib/aws-events.ts'
import { type Figure, figure, ratioAtMost } from '../lib/figure.ts'
import { orderRecords } from '../lib/order-events.ts'
import { timePaired } from '../lib/timing.ts'

const BATCH = 10
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:order-summary'
const noop = async () => {}

/** The unskippable work on one record. */
function parseAndValidate(record: SQSRecord): unknown {
  const envelope = parseCloudEvent(JSON.parse(record.body))
  return registry.upcast(envelope.type, envelope.schemaversion, envelope.data)
}

/** Consumer middleware vs parse + validate, µs per record. Target: within 2×. */
export async function consumerOverhead(rounds: number): Promise<Figure> {
  const handler = defineConsumer(
    {
      name: 'bench-consumer',
      registry,
      handlers: { OrderPlaced: noop, OrderPaid: noop, OrderShipped: noop, OrderCancelled: noop },
    },
    {
      runtime: {
        registry,
        dedup: new InMemoryDedupStore(),
        deadLetters: new InMemoryDeadLetterChannel(),
        logger: new Logger({ serviceName: 'bench-consumer' }),
        metrics: new Metrics({ namespace: 'EventBackbone', serviceName: 'bench-consumer' }),
      },
      deps: undefined,
    },
  )
  // 2000 records a round: with 200, the 15 warm-up rounds left V8 still optimising (13 µs a record
  // against 8 µs), and a round was short enough that one scavenge landing on either side moved the
  // ratio from 1.8× to 2.2×; a longer round also charges each side its own garbage collection.
  const recordsPerRound = 2000
  // "Warm" means after V8 has optimised the middleware: with 3 rounds (60 batches) it was still being
  // compiled during the measured rounds, and the figure swung between 2.2× and 3.6× run to run.
  const warmupRounds = 15
  // Fresh records on both sides: new event ids, so dedup claims rather than skips, and no side
  // re-reads bodies that are already hot in the CPU cache.
  const pool = () => {
    const records = orderRecords(recordsPerRound * (rounds + warmupRounds), QUEUE_ARN)
    let next = 0
    return (n: number) => {
      const batch = records.slice(next, next + n)
      next += n
      return batch
    }
  }
  const take = pool()
  const takeBaseline = pool()
  const middleware = async (n: number) => {
    for (let i = 0; i < n; i += BATCH) {
      const event: SQSEvent = { Records: take(BATCH) }
      const response = await handler(event, lambdaContext('bench-consumer'))
      if (response.batchItemFailures.length > 0) throw new Error('the bench consumer failed a record')
    }
  }
  const baseline = (n: number) => {
    for (const record of takeBaseline(n)) parseAndValidate(record)
  }
  const result = await timePaired(middleware, baseline, {
    unitsPerRound: recordsPerRound,
    rounds,
    warmupRounds,
  })
  return figure({
    section: '2 warm overhead',
    name: 'consumer middleware per record (10-record batches)',
    value: result.subjectMs * 1000,
    baseline: result.baselineMs * 1000,
    unit: 'µs',
    baselineLabel: 'JSON parse + schema validation',
    target: ratioAtMost(2),
    note: `median of ${rounds} rounds of ${recordsPerRound} records`,
  })
}
