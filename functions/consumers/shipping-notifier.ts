/**
 * Consumer `shipping-notifier`: receives only OrderShipped (its filter policy) and records a
 * notification item `notification#<orderId>` / `<eventId>`. A real notifier would send an email here;
 * the middleware's dedup is what keeps the customer from getting it twice.
 */
import { documentClient } from '../../shared/clients/dynamodb.ts'
import { defineConsumer } from '../../shared/consumer/define-consumer.ts'
import type { EventMapOf } from '../../shared/consumer/types.ts'
import type { OrderShipped } from '../../shared/domain/order/events.ts'
import { loadReadModelConfig } from '../../shared/domain/order/read-model/config.ts'
import { DynamoDBNotificationRepository } from '../../shared/domain/order/read-model/dynamodb/notification-repository.ts'
import type { NotificationRepository } from '../../shared/domain/order/read-model/notification-repository.ts'
import { registry } from '../domain.ts'

interface Deps {
  notifications: NotificationRepository
}

export const handler = defineConsumer<EventMapOf<typeof OrderShipped>, Deps>({
  name: 'shipping-notifier',
  registry,
  dependencies: ({ env, config }) => ({
    notifications: new DynamoDBNotificationRepository({
      client: documentClient(config),
      tableName: loadReadModelConfig(env).readModelTableName,
    }),
  }),
  handlers: {
    OrderShipped: (event, { deps }) =>
      deps.notifications.record({
        orderId: event.data.orderId,
        eventId: event.id,
        carrier: event.data.carrier,
        trackingNumber: event.data.trackingNumber,
        shippedAt: event.time,
      }),
  },
})
