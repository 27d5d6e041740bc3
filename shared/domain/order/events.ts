import type { EventMapOf } from '../../events/event-map.ts'
import type { EventType } from '../../events/registry.ts'
import { OrderCancelled } from './order-cancelled.ts'
import { OrderNoteAdded } from './order-note-added.ts'
import { OrderPaid } from './order-paid.ts'
import { OrderPlaced } from './order-placed.ts'
import { OrderShipped } from './order-shipped.ts'

export { OrderCancelled, OrderNoteAdded, OrderPaid, OrderPlaced, OrderShipped }

/** Every order event type; a new type is one file plus one line here. */
export const orderEventTypes: readonly EventType[] = [
  OrderPlaced,
  OrderPaid,
  OrderShipped,
  OrderCancelled,
  OrderNoteAdded,
]

/** Order event type → its newest data: what a typed publisher may send (`createBackboneClient<OrderEvents>`). */
export type OrderEvents = EventMapOf<
  typeof OrderPlaced | typeof OrderPaid | typeof OrderShipped | typeof OrderCancelled | typeof OrderNoteAdded
>
