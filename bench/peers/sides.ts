/**
 * Both sides of the store comparisons, each on a DynamoDB client of its own, built alike (our client
 * options: same engine, keep-alive), with a call counter on each: ours is our `EventStore` over the
 * events table, the peer is a Castore event store over its own table on the same engine.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { registry } from '../../functions/domain.ts'
import { createDocumentClient, createDynamoDBClient } from '../../shared/clients/dynamodb.ts'
import { loadEventStoreConfig } from '../../shared/config.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { EventStore, type NewEvent } from '../../shared/store/event-store.ts'
import { type CallCounter, countCallsOn } from '../calls/counter.ts'
import { orderLife } from '../lib/order-events.ts'
import { type CastoreOrderStore, castoreOrderStore, createCastoreTable } from './castore/order-store.ts'

interface Side<Store> {
  client: DynamoDBClient
  store: Store
  counter: CallCounter
  /** Appends an OrderPlaced (version 1) to `count` fresh order streams; returns their ids. */
  seed(count: number): Promise<string[]>
}

export interface PeerSides {
  ours: Side<EventStore>
  peer: Side<CastoreOrderStore>
  destroy(): void
}

const placedOf = (orderId: string) => orderLife(orderId)[0] as NewEvent

/** Builds both sides (the events table exists; the Castore table is created here). */
export async function peerSides(): Promise<PeerSides> {
  const config = loadEventStoreConfig()
  const oursClient = createDynamoDBClient(config)
  const peerClient = createDynamoDBClient(config)
  await createCastoreTable(peerClient)
  const store = new EventStore({
    storage: new DynamoDBEventStorage({
      client: createDocumentClient(oursClient),
      tableName: config.eventsTableName,
    }),
    registry,
  })
  const castore = castoreOrderStore(peerClient)
  const fresh = (count: number) => Array.from({ length: count }, () => crypto.randomUUID())
  return {
    ours: {
      client: oursClient,
      store,
      counter: countCallsOn([oursClient]),
      async seed(count) {
        const ids = fresh(count).map((id) => `order-${id}`)
        for (const id of ids) await store.append(id, [placedOf(id.slice(6))], { expectedVersion: 0 })
        return ids
      },
    },
    peer: {
      client: peerClient,
      store: castore,
      counter: countCallsOn([peerClient]),
      async seed(count) {
        const ids = fresh(count).map((id) => `order-${id}`)
        for (const id of ids) {
          const placed = placedOf(id.slice(6))
          await castore.pushEvent({ aggregateId: id, version: 1, type: 'OrderPlaced', payload: placed.data })
        }
        return ids
      },
    },
    destroy() {
      oursClient.destroy()
      peerClient.destroy()
    },
  }
}
