/**
 * Consumer `order-summary`: folds every order event into the read model item
 * `order#<orderId>` / `summary`. Thin: the effect of each event is in
 * `shared/domain/order/read-model/order-summary.ts`. The effect is one UpdateItem, committed by the
 * middleware with the dedup record in one transaction: exactly once, one call per event.
 */
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import type { EventMapOf } from '../../shared/consumer/types.ts'
import type {
  OrderCancelled,
  OrderPaid,
  OrderPlaced,
  OrderShipped,
} from '../../shared/domain/order/events.ts'
import { loadReadModelConfig } from '../../shared/domain/order/read-model/config.ts'
import { summaryEffect } from '../../shared/domain/order/read-model/dynamodb/summary-effect.ts'
import {
  orderSummaryEffects as effects,
  summaryChange,
} from '../../shared/domain/order/read-model/order-summary.ts'
import { registry } from '../domain.ts'

type OrderEvents = EventMapOf<
  typeof OrderPlaced | typeof OrderPaid | typeof OrderShipped | typeof OrderCancelled
>

interface Deps {
  tableName: string
}

export const handler = defineConsumer<OrderEvents, Deps>({
  name: 'order-summary',
  registry,
  dependencies: ({ env }) => ({ tableName: loadReadModelConfig(env).readModelTableName }),
  effects: {
    OrderPlaced: (event, { deps }) =>
      summaryEffect(deps.tableName, summaryChange(event, effects.OrderPlaced(event.data))),
    OrderPaid: (event, { deps }) =>
      summaryEffect(deps.tableName, summaryChange(event, effects.OrderPaid(event.data))),
    OrderShipped: (event, { deps }) =>
      summaryEffect(deps.tableName, summaryChange(event, effects.OrderShipped(event.data))),
    OrderCancelled: (event, { deps }) =>
      summaryEffect(deps.tableName, summaryChange(event, effects.OrderCancelled(event.data))),
  },
})
