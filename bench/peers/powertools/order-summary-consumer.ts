/**
 * The peer consumer: `order-summary` built with Powertools for AWS Lambda as its documentation shows
 * — `BatchProcessor` with its parser integration (per record, so one bad record fails alone),
 * `makeIdempotent` over the record handler with a `DynamoDBPersistenceLayer` keyed by the event id,
 * and `processPartialResponse` for the partial batch response. Its effect is the same read-model
 * update ours commits, through the order summary repository (the same UpdateItem).
 */

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch'
import { parser } from '@aws-lambda-powertools/batch/parser'
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda'
import { createDocumentClient } from '../../../shared/clients/dynamodb.ts'
import { DynamoDBOrderSummaryRepository } from '../../../shared/domain/order/read-model/dynamodb/order-summary-repository.ts'
import { orderSummaryEffects, summaryChange } from '../../../shared/domain/order/read-model/order-summary.ts'
import type { CloudEvent } from '../../../shared/events/envelope.ts'
import { idempotencyPersistence } from './idempotency-table.ts'
import { type OrderRecord, OrderRecordSchema } from './order-record-schema.ts'

/** Where the peer consumer keeps its idempotency records and its read model. */
export interface PeerConsumerTables {
  idempotency: string
  readModel: string
}

/** Builds the peer consumer's handler on `client` (its own, so the bench can count its calls). */
export function powertoolsOrderSummary(client: DynamoDBClient, tables: PeerConsumerTables) {
  const repository = new DynamoDBOrderSummaryRepository({
    client: createDocumentClient(client),
    tableName: tables.readModel,
  })
  const processor = new BatchProcessor(EventType.SQS, { parser, schema: OrderRecordSchema })
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'body.Message.id' })
  const recordHandler = async (record: OrderRecord): Promise<void> => {
    const event = record.body.Message
    const effect = (
      orderSummaryEffects[event.type] as (data: unknown) => ReturnType<typeof orderSummaryEffects.OrderPaid>
    )(event.data)
    await repository.apply(summaryChange(event as CloudEvent<{ orderId: string }>, effect))
  }
  const processIdempotently = makeIdempotent(recordHandler, {
    persistenceStore: idempotencyPersistence(client, tables.idempotency),
    config,
  })
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config.registerLambdaContext(context)
    return processPartialResponse(event, processIdempotently, processor, { context })
  }
}
