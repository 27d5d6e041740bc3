/**
 * The peer's event store: the example domain's order events in a Castore `EventStore` over its
 * `DynamoDBSingleTableEventStorageAdapter`, set up as the adapter's README shows (its table shape,
 * including the `initialEvents` index `listAggregateIds` and `@castore/lib-dam` need). The aggregate
 * is folded by our own order reducer, so both sides fold with the same domain code.
 */
import {
  CreateTableCommand,
  type DynamoDBClient,
  ProjectionType,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb'
import { EventStore, EventType } from '@castore/core'
import {
  DynamoDBSingleTableEventStorageAdapter,
  EVENT_TABLE_EVENT_STORE_ID_KEY,
  EVENT_TABLE_INITIAL_EVENT_INDEX_NAME,
  EVENT_TABLE_PK,
  EVENT_TABLE_SK,
  EVENT_TABLE_TIMESTAMP_KEY,
} from '@castore/event-storage-adapter-dynamodb'
import { type OrderState, orderReducer } from '../../../shared/domain/order/reducer.ts'

/** The Castore table of the bench, on the same dynalite engine as our events table. */
export const CASTORE_TABLE = 'castore-events'
export const ORDERS_EVENT_STORE_ID = 'ORDERS'

const eventTypes = [
  new EventType<'OrderPlaced', unknown>({ type: 'OrderPlaced' }),
  new EventType<'OrderPaid', unknown>({ type: 'OrderPaid' }),
  new EventType<'OrderShipped', unknown>({ type: 'OrderShipped' }),
  new EventType<'OrderCancelled', unknown>({ type: 'OrderCancelled' }),
]

/** Castore's aggregate: its required id and version, and the order state our reducer folds. */
export interface OrderAggregate {
  aggregateId: string
  version: number
  state: OrderState
}

interface CastoreEvent {
  aggregateId: string
  version: number
  type: string
  timestamp: string
  payload?: unknown
}

/** Castore's reducer shape over our order reducer (Castore hands it each event as stored). */
function reduce(aggregate: OrderAggregate | undefined, event: CastoreEvent): OrderAggregate {
  const state = orderReducer.apply(aggregate?.state ?? orderReducer.initialState(), {
    streamId: event.aggregateId,
    version: event.version,
    type: event.type,
    data: event.payload,
    time: event.timestamp,
  })
  return { aggregateId: event.aggregateId, version: event.version, state }
}

/** A Castore event store of orders on `client` (the adapter's own `DynamoDBClient`). */
export function castoreOrderStore(client: DynamoDBClient) {
  return new EventStore({
    eventStoreId: ORDERS_EVENT_STORE_ID,
    eventTypes,
    reducer: reduce,
    eventStorageAdapter: new DynamoDBSingleTableEventStorageAdapter({
      tableName: CASTORE_TABLE,
      dynamoDBClient: client,
    }),
  })
}

export type CastoreOrderStore = ReturnType<typeof castoreOrderStore>

/** Creates the table as the adapter's README describes it (CloudFormation example). */
export async function createCastoreTable(client: DynamoDBClient): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: CASTORE_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: EVENT_TABLE_PK, AttributeType: 'S' },
        { AttributeName: EVENT_TABLE_SK, AttributeType: 'N' },
        { AttributeName: EVENT_TABLE_EVENT_STORE_ID_KEY, AttributeType: 'S' },
        { AttributeName: EVENT_TABLE_TIMESTAMP_KEY, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: EVENT_TABLE_PK, KeyType: 'HASH' },
        { AttributeName: EVENT_TABLE_SK, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: EVENT_TABLE_INITIAL_EVENT_INDEX_NAME,
          KeySchema: [
            { AttributeName: EVENT_TABLE_EVENT_STORE_ID_KEY, KeyType: 'HASH' },
            { AttributeName: EVENT_TABLE_TIMESTAMP_KEY, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: ProjectionType.KEYS_ONLY },
        },
      ],
    }),
  )
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: CASTORE_TABLE })
}
