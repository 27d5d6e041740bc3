/**
 * Peers 3, consumer, warm: per record over 10-record batches of SNS-wrapped order events, with
 * validation, deduplication by event id and a partial batch response, both against the embedded
 * DynamoDB engine. Ours: the `order-summary` function module as deployed (transactional effect: the
 * read-model update and the dedup record in one TransactWriteItems). The peer: the same consumer
 * built with Powertools (`powertools/order-summary-consumer.ts`).
 */
import type { Handler, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'
import { createDynamoDBClient } from '../../shared/clients/dynamodb.ts'
import { loadConfig } from '../../shared/config.ts'
import { countCalls, countCallsOn } from '../calls/counter.ts'
import { lambdaContext } from '../lib/aws-events.ts'
import type { Figure } from '../lib/figure.ts'
import { timePaired } from '../lib/timing.ts'
import { peerFigure } from './peer-figure.ts'
import { createIdempotencyTable } from './powertools/idempotency-table.ts'
import { powertoolsOrderSummary } from './powertools/order-summary-consumer.ts'
import { snsWrappedOrderRecords } from './sns-wrapped-records.ts'

const BATCH = 10
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:order-summary'
const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:orders'
const IDEMPOTENCY_TABLE = 'powertools-consumer-idempotency'

type SqsHandler = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>

/** Runs `handler` over `records` in batches; every record must succeed. */
async function consume(handler: SqsHandler, records: SQSRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    const response = await handler({ Records: records.slice(i, i + BATCH) }, lambdaContext('order-summary'))
    if (response.batchItemFailures.length > 0) throw new Error('a consumer failed records')
  }
}

export async function consumerWarmComparison(opts: {
  rounds: number
  consumerRecordsPerRound: number
}): Promise<Figure[]> {
  const config = loadConfig()
  const ours = ((await import('../../functions/consumers/order-summary.ts')) as { handler: Handler })
    .handler as unknown as SqsHandler
  const peerClient = createDynamoDBClient(config)
  await createIdempotencyTable(peerClient, IDEMPOTENCY_TABLE)
  const readModel = process.env.READ_MODEL_TABLE_NAME
  if (readModel === undefined) throw new Error('READ_MODEL_TABLE_NAME is not set')
  const peer = powertoolsOrderSummary(peerClient, { idempotency: IDEMPOTENCY_TABLE, readModel })
  const oursCounter = countCalls(config)
  const peerCounter = countCallsOn([peerClient])
  const warmupRounds = 2
  const per = opts.consumerRecordsPerRound
  // Fresh events on each side, so each dedup claims rather than skips.
  const pool = () => {
    const records = snsWrappedOrderRecords(per * (opts.rounds + warmupRounds), QUEUE_ARN, TOPIC_ARN)
    return (n: number) => records.splice(0, n)
  }
  const takeOurs = pool()
  const takePeer = pool()
  const total = per * (opts.rounds + warmupRounds)
  oursCounter.reset()
  peerCounter.reset()
  try {
    const timed = await timePaired(
      (n) => consume(ours, takeOurs(n)),
      (n) => consume(peer, takePeer(n)),
      { unitsPerRound: per, rounds: opts.rounds, warmupRounds },
    )
    const peerLabel = 'Powertools BatchProcessor + parser + makeIdempotent'
    return [
      peerFigure({
        name: 'consumer, warm: time per record (10-record batches, SNS-wrapped)',
        ours: timed.subjectMs * 1000,
        peer: timed.baselineMs * 1000,
        unit: 'µs',
        peerLabel,
        note: `median of ${timed.rounds} rounds of ${per} records, both on the embedded DynamoDB; ours also upcasts, sends poison to the DLQ with its reason, logs and flushes EMF metrics; the peer's effect and dedup record are separate writes (not atomic)`,
      }),
      peerFigure({
        name: 'consumer, warm: AWS calls per record',
        ours: oursCounter.count() / total,
        peer: peerCounter.count() / total,
        unit: 'calls',
        peerLabel,
        note: `${total} records each: ours ${oursCounter.describe()}; peer ${peerCounter.describe()}`,
      }),
    ]
  } finally {
    peerClient.destroy()
  }
}
