/**
 * Cost per million events published (one event a request, no Idempotency-Key) and delivered to N
 * consumers, in USD, from the measured calls (`calls-per-event.ts`) and the prices
 * (`aws-figures.ts`). Items are at most 1 KB (1 write unit, 1 strongly consistent read unit) and
 * messages at most 64 KB (one billed request); batches are full. Idle polling is not per event and
 * not counted.
 */
import { awsFigures as aws } from './aws-figures.ts'
import { itemsPerCall, measuredCalls } from './calls-per-event.ts'
import type { CapacityInputs, ConsumerInputs } from './inputs.ts'

export interface CostLine {
  readonly item: string
  /** Billed units per event, as printed. */
  readonly perEvent: string
  readonly usdPerMillion: number
}

const MILLION = 1_000_000
const gbSeconds = (memoryMb: number, ms: number) => (memoryMb / 1024) * (ms / 1000)
const lambdaUsd = (invocations: number, memoryMb: number, ms: number) =>
  invocations *
  (aws.lambdaRequestPrice.value + gbSeconds(memoryMb, ms) * MILLION * aws.lambdaArmGbSecondPrice.value)
const fmt = (n: number) => String(Number(n.toPrecision(3)))

function publishLines(inputs: CapacityInputs): CostLine[] {
  const { calls } = measuredCalls.publish
  const writeUnits = calls.PutItem * (itemsPerCall.publishPut.items + itemsPerCall.publishPut.indexed)
  const { memoryMb, durationMs } = inputs.publish
  return [
    { item: 'HTTP API request', perEvent: '1 request', usdPerMillion: aws.httpApiRequestPrice.value },
    {
      item: `publish Lambda (${memoryMb} MB, ${durationMs} ms)`,
      perEvent: `1 invocation, ${fmt(gbSeconds(memoryMb, durationMs))} GB-s`,
      usdPerMillion: lambdaUsd(1, memoryMb, durationMs),
    },
    {
      item: 'DynamoDB writes: event item + byTime index',
      perEvent: `${writeUnits} write units (PutItem×${calls.PutItem})`,
      usdPerMillion: writeUnits * aws.writeRequestUnitPrice.value,
    },
    {
      item: "DynamoDB reads: the stream's head",
      perEvent: `${calls.Query} read unit (Query×${calls.Query}, consistent)`,
      usdPerMillion: calls.Query * aws.readRequestUnitPrice.value,
    },
    { item: 'DynamoDB Streams reads by the relay', perEvent: 'free for Lambda', usdPerMillion: 0 },
  ]
}

function relayLines(inputs: CapacityInputs): CostLine[] {
  const { batchSize, memoryMb, batchDurationMs } = inputs.relay
  const entriesPerCall = 1 / measuredCalls.relay.calls.PublishBatch
  return [
    {
      item: `relay Lambda (${memoryMb} MB, ${batchDurationMs} ms a ${batchSize}-event batch)`,
      perEvent: `${fmt(1 / batchSize)} invocation`,
      usdPerMillion: lambdaUsd(1 / batchSize, memoryMb, batchDurationMs),
    },
    {
      item: 'SNS publishes (each PublishBatch entry billed)',
      perEvent: `1 message (PublishBatch×${measuredCalls.relay.calls.PublishBatch}, ${entriesPerCall} entries a call)`,
      usdPerMillion: aws.snsPublishPrice.value,
    },
  ]
}

/**
 * A consumer's DynamoDB write units per event, from the bench's count for that consumer where it has
 * one: order-summary (transactional effects: one TransactWriteItems of its update and the dedup
 * record, each item billed twice), daily-sales (the same, its day's update), order-history (one
 * TransactWriteItems of three items) and shipping-notifier (claim / complete: three PutItem of one item).
 * A consumer the bench does not count is costed as order-summary, and the line says so.
 */
function consumerWrites(name: string): { writeUnits: number; perEvent: string; basis: string } {
  if (name === 'order-history') {
    const { TransactWriteItems } = measuredCalls.consumeHistory.calls
    const { items } = itemsPerCall.historyTransaction
    const writeUnits = TransactWriteItems * items * aws.transactionalWriteFactor.value
    const perEvent = `${writeUnits} write units (TransactWriteItems×${TransactWriteItems}, ${items} items)`
    return { writeUnits, perEvent, basis: 'as measured' }
  }
  if (name === 'shipping-notifier') {
    const { PutItem } = measuredCalls.consumeClaimComplete.calls
    const writeUnits = PutItem * itemsPerCall.claimCompletePut.items
    return { writeUnits, perEvent: `${writeUnits} write units (PutItem×${PutItem})`, basis: 'as measured' }
  }
  const measured = name === 'daily-sales' ? measuredCalls.consumeDailySales : measuredCalls.consume
  const { TransactWriteItems } = measured.calls
  const writeUnits =
    TransactWriteItems * itemsPerCall.consumeTransaction.items * aws.transactionalWriteFactor.value
  return {
    writeUnits,
    perEvent: `${writeUnits} write units (TransactWriteItems×${TransactWriteItems}, ${itemsPerCall.consumeTransaction.items} items)`,
    basis:
      name === 'order-summary' || name === 'daily-sales' ? 'as measured' : 'as measured for order-summary',
  }
}

function consumerLines(inputs: CapacityInputs, c: ConsumerInputs): CostLine[] {
  const writes = consumerWrites(c.name.replace(/ #\d+$/, ''))
  const sqsPrice = c.fifo ? aws.sqsFifoRequestPrice.value : aws.sqsStandardRequestPrice.value
  const ms = inputs.consumerBatchDurationMs
  return [
    {
      item: `${c.name}: SNS → SQS delivery`,
      perEvent: '1 message',
      usdPerMillion: aws.snsToSqsDeliveryPrice.value,
    },
    {
      item: `${c.name}: SQS receive + delete${c.fifo ? ' (FIFO)' : ''}`,
      perEvent: `${fmt(2 / c.batchSize)} requests`,
      usdPerMillion: (2 / c.batchSize) * sqsPrice,
    },
    {
      item: `${c.name}: Lambda (${c.memoryMb} MB, ${ms} ms a ${c.batchSize}-event batch)`,
      perEvent: `${fmt(1 / c.batchSize)} invocation`,
      usdPerMillion: lambdaUsd(1 / c.batchSize, c.memoryMb, ms),
    },
    {
      item: `${c.name}: DynamoDB writes (${writes.basis})`,
      perEvent: writes.perEvent,
      usdPerMillion: writes.writeUnits * aws.writeRequestUnitPrice.value,
    },
  ]
}

/**
 * The consumers an event reaches: the declared ones in order, repeated when `deliveredTo` asks
 * for more (each costed as measured for order-summary, the consumer the bench counts).
 */
export function deliveredConsumers(inputs: CapacityInputs): ConsumerInputs[] {
  const declared = inputs.consumers
  return Array.from({ length: inputs.deliveredTo }, (_, i) => {
    const c = declared[i % declared.length]
    if (c === undefined) throw new Error('the declaration has no consumer to deliver to')
    return i < declared.length ? c : { ...c, name: `${c.name} #${Math.floor(i / declared.length) + 1}` }
  })
}

/** Every cost line, publish first, then the relay, then one group per consumer reached. */
export function costLines(inputs: CapacityInputs): CostLine[] {
  return [
    ...publishLines(inputs),
    ...relayLines(inputs),
    ...deliveredConsumers(inputs).flatMap((c) => consumerLines(inputs, c)),
  ]
}

export const totalUsd = (lines: readonly CostLine[]) => lines.reduce((sum, l) => sum + l.usdPerMillion, 0)
