/**
 * The shape of a backbone's declaration: its topics, which topic each event type goes to, its
 * consumers and the tables they write, the relay's settings and the entry point of every function.
 * The framework defines the shape; an application declares one (the example's is `functions/backbone.ts`)
 * and both the CDK app and the local runtime build from it. Functions never read a declaration: they
 * receive the deployed topology through their environment (see `deployed.ts`).
 */

/** An SNS topic (and, when `fifo`, a FIFO topic whose consumers get FIFO queues). */
export interface TopicDeclaration {
  /** Logical name; the physical name is derived per stage. FIFO topics get the `.fifo` suffix. */
  readonly name: string
  readonly fifo: boolean
}

/**
 * An SNS subscription filter policy on message attributes (`type`, `subject`, `schemaversion`,
 * `replay`), in SNS's own syntax, e.g. `{ type: ['OrderShipped'] }` or `{ type: [{ prefix: 'Order' }] }`.
 */
export type FilterPolicy = Readonly<Record<string, readonly unknown[]>>

/** DynamoDB actions a consumer may be granted on a table it declares. */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem'

/** A table an application's consumers write (a read model, a projection). */
export interface TableDeclaration {
  /** Logical name, unique in the declaration (the local table's name). */
  readonly name: string
  /** Partition key attribute (type S). */
  readonly partitionKey: string
  /** Sort key attribute (type S), if any. */
  readonly sortKey?: string
  /** Attribute holding an epoch-seconds expiry, if items expire. */
  readonly ttlAttribute?: string
}

/** A consumer's use of a declared table: the variable it finds the name in, and what it may do. */
export interface TableUse {
  /** Name of a {@link TableDeclaration}. */
  readonly table: string
  /** Environment variable that receives the table's physical name. */
  readonly environment: string
  /** Exactly the actions the consumer's code calls; nothing else is granted. */
  readonly actions: readonly TableAction[]
}

/**
 * Where a consumer starts: `now` (the default) receives the events stored once its subscription
 * exists; `beginning` (every stored event) or `{ time }` (events stored at or after an ISO-8601
 * date-time) is also sent that history once, by a catch-up replay to its queue started after its
 * subscription exists (`start-position.ts`). Its deduplication covers the overlap of the two.
 */
export type StartPosition = 'now' | 'beginning' | { readonly time: string }

/**
 * A consumer that is a projection (a read model): its items are kept per version, and a new version
 * can be built from history beside the live one and switched to (`shared/projection/`).
 */
export interface ProjectionDeclaration {
  /** The version the code builds; bump it (then run a rebuild) when the projection's rules change. */
  readonly version: number
  /** The {@link TableDeclaration} holding its items (one the consumer uses, with `GetItem` granted). */
  readonly table: string
}

/** A consumer: one queue + DLQ subscribed to one topic, drained by one Lambda function. */
export interface ConsumerDeclaration {
  /** Name of the consumer, its queue (`<name>`), DLQ (`<name>-dlq`) and function. */
  readonly name: string
  /** Name of the topic it subscribes to. */
  readonly topic: string
  /** Filter policy on message attributes; absent = every event of the topic. */
  readonly filterPolicy?: FilterPolicy
  /** Handler module, relative to the project root. */
  readonly entry: string
  /** SQS event source mapping batch size (1–10 for FIFO, up to 10,000 otherwise). */
  readonly batchSize: number
  /** Maximum batching window in seconds (0 = invoke as soon as messages arrive). */
  readonly maxBatchingWindowSeconds: number
  /** Maximum concurrent invocations (event source mapping maximum concurrency, ≥ 2). */
  readonly maxConcurrency: number
  /** Receives before SQS moves a message to the DLQ (DESIGN.md default 5). */
  readonly maxReceiveCount: number
  /** Function timeout in seconds; the queue's visibility timeout is 6× this (AWS's recommendation). */
  readonly timeoutSeconds: number
  /** Function memory in MB. */
  readonly memoryMb: number
  /** Tables the handler uses, with the variable naming each and the actions granted on it. */
  readonly tables?: readonly TableUse[]
  /** Extra plain environment variables of the function. */
  readonly environment?: Readonly<Record<string, string>>
  /** Where it starts reading (default `now`); see {@link StartPosition}. */
  readonly startFrom?: StartPosition
  /** When the consumer is a versioned projection, rebuildable without downtime. */
  readonly projection?: ProjectionDeclaration
}

/**
 * The relay's DynamoDB stream event source mapping and function. Retries are bounded so one bad
 * record cannot block its shard forever; a batch that exhausts them goes to the on-failure queue.
 */
export interface RelaySettings {
  readonly batchSize: number
  readonly maxBatchingWindowSeconds: number
  readonly maximumRetryAttempts: number
  readonly bisectBatchOnFunctionError: boolean
  readonly maximumRecordAgeSeconds: number
  /**
   * Batches processed at once per stream shard (1–10). Lambda keeps the records of one partition
   * key (one event stream) in order across them, so per-stream order holds at any factor.
   */
  readonly parallelizationFactor: number
  readonly timeoutSeconds: number
  readonly memoryMb: number
}

/**
 * Entry modules (relative to the project root) of the backbone's own functions. Publish, read and
 * replay are where an application wires its domains (event types, reducers) into the framework;
 * relay and redrive know no domain, so every application can point at the same ones.
 */
export interface FunctionEntries {
  readonly publish: string
  readonly read: string
  readonly relay: string
  readonly redrive: string
  readonly replay: string
}

/** Settings of the framework's event store. */
export interface EventStoreSettings {
  /**
   * Shards of the time index per UTC day (1–256, default 16): the publish function spreads a day's
   * events over this many index partitions. Readers learn the count from the table itself.
   */
  readonly timeIndexShards?: number
}

/** Everything a deployment is built from. */
export interface BackboneDeclaration {
  readonly topics: readonly TopicDeclaration[]
  /** Event type → topic name. Types not listed go to `defaultTopic`. */
  readonly routes: Readonly<Record<string, string>>
  readonly defaultTopic: string
  readonly consumers: readonly ConsumerDeclaration[]
  /** Tables of the application's consumers (the dedup table is the framework's own). */
  readonly tables: readonly TableDeclaration[]
  readonly relay: RelaySettings
  readonly eventStore?: EventStoreSettings
  readonly entries: FunctionEntries
}
