/** The events both replays re-send: whole order lives, appended through the event store. */

import { registry } from '../../functions/domain.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { FrameworkTables } from '../../shared/topology/catalogue.ts'
import type { BenchEngines } from '../lib/engines.ts'
import { orderLife } from '../lib/order-events.ts'

/** The seeded events' keys (for the naive replay) and a time window holding exactly them (for replay). */
export interface Seeded {
  keys: { streamId: string; version: number }[]
  from: string
  to: string
}

/** Appends `count` order events in streams of one order life each. */
export async function seedEvents(engines: BenchEngines, count: number): Promise<Seeded> {
  const client = createDocumentClient(engines.clients.dynamodb)
  const storage = new DynamoDBEventStorage({ client, tableName: FrameworkTables.events })
  const store = new EventStore({ storage, registry })
  const from = new Date(Date.now() - 1000).toISOString()
  const keys: Seeded['keys'] = []
  while (keys.length < count) {
    const orderId = crypto.randomUUID()
    const { events } = await store.append(
      `order-${orderId}`,
      orderLife(orderId).slice(0, count - keys.length),
    )
    keys.push(...events.map((e) => ({ streamId: e.streamId, version: e.version })))
  }
  return { keys, from, to: new Date(Date.now() + 1000).toISOString() }
}
