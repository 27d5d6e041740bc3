/**
 * Consumer `order-history`: appends each OrderNoteAdded to its order's history, line by line, in
 * stream order. It reads a FIFO queue (message group = stream), and its effect is DynamoDB writes
 * committed with the dedup record in one transaction: each line is written exactly once, in order.
 */
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import type { EventMapOf } from '../../shared/consumer/types.ts'
import type { OrderNoteAdded } from '../../shared/domain/order/events.ts'
import { loadOrderHistoryConfig } from '../../shared/domain/order/history/config.ts'
import { appendLineWrites, historyLine } from '../../shared/domain/order/history/order-history.ts'
import { registry } from '../domain.ts'

interface Deps {
  tableName: string
}

export const handler = defineConsumer<EventMapOf<typeof OrderNoteAdded>, Deps>({
  name: 'order-history',
  registry,
  dependencies: ({ env }) => ({ tableName: loadOrderHistoryConfig(env).orderHistoryTableName }),
  effects: {
    OrderNoteAdded: (event, { deps }) => [
      appendLineWrites(deps.tableName, historyLine(event), event.sequence),
    ],
  },
})
