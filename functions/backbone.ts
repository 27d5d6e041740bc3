/**
 * The declaration of this deployment: topics, which topic each event type goes to, the consumers and
 * the tables they write, the relay's settings and the entry point of every function. The CDK app and
 * the local runtime both build from it (through the function catalogue, `shared/topology/catalogue.ts`),
 * so what runs on a laptop is what `cdk deploy` creates. Functions never import it: they receive the
 * deployed topology through their environment.
 *
 * Adding a consumer: one file in `functions/consumers/` plus one entry in `consumers` below.
 * Adding a domain: its folder in `shared/domain/`, its event types in `functions/domain.ts`, its
 * topics, routes, consumers and tables here.
 */
import { OrderHistoryTableSchema } from '../shared/domain/order/history/table-schema.ts'
import { ReadModelTableSchema } from '../shared/domain/order/read-model/table-schema.ts'
import { SalesReportTableSchema } from '../shared/domain/order/sales-report/table-schema.ts'
import type {
  BackboneDeclaration,
  ConsumerDeclaration,
  TableDeclaration,
} from '../shared/topology/declaration.ts'

/** The read model the order consumers project into (`order#<id>` summaries, notifications). */
export const readModel = {
  name: 'read-model',
  partitionKey: ReadModelTableSchema.partitionKey,
  sortKey: ReadModelTableSchema.sortKey,
} as const satisfies TableDeclaration

/** The order history (`order#<id>` / `line#<sequence>` and `head`), written by `order-history`. */
export const orderHistory = {
  name: 'order-history',
  partitionKey: OrderHistoryTableSchema.partitionKey,
  sortKey: OrderHistoryTableSchema.sortKey,
} as const satisfies TableDeclaration

/** The daily sales report (`day#<YYYY-MM-DD>` / `<currency>`), written by `daily-sales`. */
export const salesReport = {
  name: 'sales-report',
  partitionKey: SalesReportTableSchema.partitionKey,
  sortKey: SalesReportTableSchema.sortKey,
} as const satisfies TableDeclaration

/** What every consumer of the example starts from: AWS's defaults for a small SQS consumer. */
const consumerDefaults = {
  topic: 'orders',
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  maxReceiveCount: 5,
  timeoutSeconds: 10,
  memoryMb: 256,
} as const satisfies Partial<ConsumerDeclaration>

export const backbone = {
  // Two topics, because an event type goes to exactly one topic and order is a property of the
  // consumer, not of the event: `order-summary` and `shipping-notifier` do not need it (the summary
  // only moves forward by version, the notifier handles one event per order), and a FIFO queue
  // would cost them throughput (FIFO topics have lower publish quotas, batches of at most 10, no
  // batching window) and make one failing event hold back its whole order. `order-history` writes
  // an order's notes line by line and refuses one older than the last: it needs them in stream
  // order, so its type goes to a FIFO topic (message group = stream, deduplication id = event id).
  topics: [
    { name: 'orders', fifo: false },
    { name: 'order-notes', fifo: true },
  ],
  routes: {
    OrderPlaced: 'orders',
    OrderPaid: 'orders',
    OrderShipped: 'orders',
    OrderCancelled: 'orders',
    OrderNoteAdded: 'order-notes',
  },
  // Types not routed above go here, so a new event type works without touching this file.
  defaultTopic: 'orders',
  tables: [readModel, orderHistory, salesReport],
  consumers: [
    {
      ...consumerDefaults,
      name: 'order-summary',
      filterPolicy: { type: [{ prefix: 'Order' }] },
      entry: 'functions/consumers/order-summary.ts',
      maxConcurrency: 5,
      tables: [
        // Its updates are committed in a transaction (TransactWriteItems needs each write's own action);
        // GetItem reads its projection state (which versions to keep up to date).
        { table: readModel.name, environment: 'READ_MODEL_TABLE_NAME', actions: ['UpdateItem', 'GetItem'] },
      ],
      // A versioned projection: `npm run rebuild -- order-summary` builds a new version beside this one.
      projection: { version: 1, table: readModel.name },
    },
    {
      ...consumerDefaults,
      name: 'shipping-notifier',
      filterPolicy: { type: ['OrderShipped'] },
      entry: 'functions/consumers/shipping-notifier.ts',
      maxConcurrency: 2,
      tables: [
        { table: readModel.name, environment: 'READ_MODEL_TABLE_NAME', actions: ['PutItem', 'Query'] },
      ],
    },
    {
      ...consumerDefaults,
      name: 'order-history',
      topic: 'order-notes',
      entry: 'functions/consumers/order-history.ts',
      maxConcurrency: 2,
      tables: [
        {
          table: orderHistory.name,
          environment: 'ORDER_HISTORY_TABLE_NAME',
          actions: ['PutItem', 'UpdateItem'],
        },
      ],
    },
    {
      ...consumerDefaults,
      name: 'daily-sales',
      // A report of every day needs every day's events: first deployed (or first run by `npm start`),
      // it is caught up by a replay of the whole history to its queue, then follows live events.
      startFrom: 'beginning',
      filterPolicy: { type: ['OrderPlaced', 'OrderPaid'] },
      entry: 'functions/consumers/daily-sales.ts',
      maxConcurrency: 2,
      tables: [
        // Its one update is committed in a transaction with the dedup record.
        { table: salesReport.name, environment: 'SALES_REPORT_TABLE_NAME', actions: ['UpdateItem'] },
      ],
    },
  ],
  relay: {
    batchSize: 100,
    maxBatchingWindowSeconds: 0,
    // Bounded so one bad record cannot block its shard forever; with bisect and the backoff between
    // attempts they outlast a few minutes of SNS trouble. A batch that exhausts them goes to the
    // on-failure queue, from which a replay of its time range re-sends the events.
    maximumRetryAttempts: 100,
    bisectBatchOnFunctionError: true,
    // Stream records live 24 h; older ones cannot be read anyway.
    maximumRecordAgeSeconds: 86_400,
    // One stream shard takes ~1,000 writes/s; at factor 1 the relay handles one batch per shard at
    // a time (~100 events per SNS round trips of ~10 × 20 ms), below that. 4 keeps up with a shard.
    parallelizationFactor: 4,
    timeoutSeconds: 30,
    memoryMb: 512,
  },
  // 16 shards keep a day of 10,000 events/s under the index's per-partition write limit.
  eventStore: { timeIndexShards: 16 },
  entries: {
    publish: 'functions/publish.ts',
    read: 'functions/read.ts',
    relay: 'functions/relay.ts',
    redrive: 'functions/redrive.ts',
    replay: 'functions/replay.ts',
  },
} as const satisfies BackboneDeclaration
