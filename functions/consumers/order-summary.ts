/**
 * Consumer `order-summary`: folds every order event into the read model item
 * `order#<orderId>` / `summary`. Thin: the effect of each event is in
 * `shared/domain/order/read-model/order-summary.ts`.
 */
import { documentClient } from '../../shared/clients/dynamodb.ts'
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import type { EventMapOf } from '../../shared/consumer/types.ts'
import type {
  OrderCancelled,
  OrderPaid,
  OrderPlaced,
  OrderShipped,
} from '../../shared/domain/order/events.ts'
import { loadReadModelConfig } from '../../shared/domain/order/read-model/config.ts'
import { DynamoDBOrderSummaryRepository } from '../../shared/domain/order/read-model/dynamodb/order-summary-repository.ts'
import {
  orderSummaryEffects as effects,
  summaryChange,
} from '../../shared/domain/order/read-model/order-summary.ts'
import type { OrderSummaryRepository } from '../../shared/domain/order/read-model/order-summary-repository.ts'
import { registry } from '../domain.ts'

type OrderEvents = EventMapOf<
  typeof OrderPlaced | typeof OrderPaid | typeof OrderShipped | typeof OrderCancelled
>

interface Deps {
  summaries: OrderSummaryRepository
}

export const handler = defineConsumer<OrderEvents, Deps>({
  name: 'order-summary',
  registry,
  dependencies: ({ env, config }) => ({
    summaries: new DynamoDBOrderSummaryRepository({
      client: documentClient(config),
      tableName: loadReadModelConfig(env).readModelTableName,
    }),
  }),
  handlers: {
    OrderPlaced: (event, { deps }) =>
      deps.summaries.apply(summaryChange(event, effects.OrderPlaced(event.data))),
    OrderPaid: (event, { deps }) => deps.summaries.apply(summaryChange(event, effects.OrderPaid(event.data))),
    OrderShipped: (event, { deps }) =>
      deps.summaries.apply(summaryChange(event, effects.OrderShipped(event.data))),
    OrderCancelled: (event, { deps }) =>
      deps.summaries.apply(summaryChange(event, effects.OrderCancelled(event.data))),
  },
})
