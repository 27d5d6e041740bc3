/**
 * Consumer `daily-sales`: the daily sales report by currency (`shared/domain/order/sales-report/`),
 * from OrderPlaced and OrderPaid only (its filter policy). It starts from the beginning of history
 * (`startFrom` in `functions/backbone.ts`): first deployed, it is caught up by a replay to its queue.
 * Each event's effect is one UpdateItem committed with the dedup record in one transaction, so an
 * event that comes both through the catch-up and live is counted once.
 */
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import type { EventMapOf } from '../../shared/consumer/types.ts'
import type { OrderPaid, OrderPlaced } from '../../shared/domain/order/events.ts'
import { loadSalesReportConfig } from '../../shared/domain/order/sales-report/config.ts'
import { orderPaidWrite, orderPlacedWrite } from '../../shared/domain/order/sales-report/daily-sales.ts'
import { registry } from '../domain.ts'

interface Deps {
  tableName: string
}

export const handler = defineConsumer<EventMapOf<typeof OrderPlaced | typeof OrderPaid>, Deps>({
  name: 'daily-sales',
  registry,
  dependencies: ({ env }) => ({ tableName: loadSalesReportConfig(env).salesReportTableName }),
  effects: {
    OrderPlaced: (event, { deps }) => [[orderPlacedWrite(deps.tableName, event)]],
    OrderPaid: (event, { deps }) => [[orderPaidWrite(deps.tableName, event)]],
  },
})
