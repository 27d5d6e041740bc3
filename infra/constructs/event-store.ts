/**
 * The events table (the event store) and its customer-managed key, with the least-privilege grants
 * the store adapter needs. Keys and index names come from `shared/store/table-schema.ts`, the one
 * schema the local runtime reads too.
 */
import {
  AttributeType,
  ProjectionType,
  StreamViewType,
  Table,
  type TableProps,
} from 'aws-cdk-lib/aws-dynamodb'
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam'
import { type IKey, Key } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { SNAPSHOT_PREFIX } from '../../shared/store/dynamodb/items.ts'
import { EventsTableSchema } from '../../shared/store/table-schema.ts'
import { tableDefaults } from '../defaults/dynamodb-defaults.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { grantTableAccess, type TableAccess, TableKeyActions } from './table-access.ts'

/** Properties of {@link EventStore}. */
export interface EventStoreProps {
  /**
   * Key that encrypts the table and its stream.
   * @default - a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: IKey
  /**
   * Overrides of the table defaults (`infra/defaults/dynamodb-defaults.ts`); keys, stream, TTL and
   * encryption belong to the store and cannot be overridden.
   * @default - the defaults
   */
  readonly tableProps?: Pick<
    TableProps,
    'removalPolicy' | 'deletionProtection' | 'contributorInsightsSpecification'
  >
}

/**
 * What each caller of the store may do, matching `shared/store/dynamodb/`: an append is a
 * conditional PutItem, or a TransactWriteItems of conditional Puts (events plus the idempotency
 * guard) and, for an append at an expected version, a ConditionCheck that this version is stored.
 * IAM authorizes a transaction per contained action, so no `TransactWriteItems` action exists.
 * Appends also read: GetItem (the guard of a retried request) and Query (the stream's head, its
 * actual version after a conflict, the first result on a replay).
 * Reads are Query (a stream page) and GetItem (one version); the reader also keeps snapshots, a
 * conditional PutItem allowed on snapshot partitions only (`snapshot`). Replay only queries: streams page by page,
 * and the time index for time- and type-filtered replays. The relay reads the stream and nothing else;
 * its four actions are what Lambda's stream poller calls.
 */
export const EventStoreAccess = {
  append: ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'],
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  snapshot: ['dynamodb:PutItem'],
  replay: ['dynamodb:Query'],
  stream: [
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
  ],
} as const satisfies Record<string, TableAccess['actions']>

/** The event store: a DynamoDB table streaming NEW_IMAGE to the relay, and its key. */
export class EventStore extends Construct {
  /** The events table. */
  readonly table: Table
  /** The key encrypting the table, its stream and its backups. */
  readonly encryptionKey: IKey

  constructor(scope: Construct, id: string, props: EventStoreProps = {}) {
    super(scope, id)
    this.encryptionKey =
      props.encryptionKey ??
      new Key(this, 'Key', { ...keyDefaults, description: 'Encrypts the events table' })
    this.table = new Table(this, 'Table', {
      ...tableDefaults,
      ...props.tableProps,
      encryptionKey: this.encryptionKey,
      partitionKey: { name: EventsTableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: EventsTableSchema.sortKey, type: AttributeType.NUMBER },
      timeToLiveAttribute: EventsTableSchema.ttlAttribute,
      // The relay (transactional outbox) only needs what was written.
      stream: StreamViewType.NEW_IMAGE,
    })
    this.table.addGlobalSecondaryIndex({
      indexName: EventsTableSchema.timeIndex.name,
      partitionKey: { name: EventsTableSchema.timeIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: EventsTableSchema.timeIndex.sortKey, type: AttributeType.STRING },
      // Replay re-sends whole events; a KEYS_ONLY index would cost a GetItem per event.
      projectionType: ProjectionType.ALL,
    })
  }

  /** Lets `grantee` append events (and read what conflicts and idempotency checks need); never Scan or delete. */
  grantAppend(grantee: IGrantable): void {
    grantTableAccess(grantee, this.table, this.encryptionKey, {
      actions: EventStoreAccess.append,
      encrypt: true,
    })
  }

  /**
   * Lets `grantee` read streams (Query, GetItem) on the table only, no index, no Scan; and keep
   * snapshots: PutItem pinned by IAM's `dynamodb:LeadingKeys` to snapshot partitions, so a reader
   * can never write an event or a guard.
   */
  grantRead(grantee: IGrantable): void {
    grantTableAccess(grantee, this.table, this.encryptionKey, {
      actions: EventStoreAccess.read,
      encrypt: false,
    })
    Grant.addToPrincipal({
      grantee,
      actions: [...EventStoreAccess.snapshot],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SNAPSHOT_PREFIX}*`] } },
    })
    this.encryptionKey.grant(grantee, ...TableKeyActions.write)
  }

  /**
   * Lets `grantee` read the table's stream (and decrypt its records): no table action at all, so the
   * relay can never write or read the store itself. Granted on this stream's ARN, not `*` as CDK's
   * `grantStreamRead` does for ListStreams.
   */
  grantStreamRead(grantee: IGrantable): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...EventStoreAccess.stream],
      resourceArns: [this.streamArn],
    })
    this.encryptionKey.grant(grantee, ...TableKeyActions.read)
  }

  /** Lets `grantee` Query the table and its time index (what replay reads); no GetItem, Scan or writes. */
  grantReplayRead(grantee: IGrantable): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...EventStoreAccess.replay],
      resourceArns: [this.table.tableArn, `${this.table.tableArn}/index/${EventsTableSchema.timeIndex.name}`],
    })
    this.encryptionKey.grant(grantee, ...TableKeyActions.read)
  }

  /** ARN of the table's stream (the table always has one: the relay reads it). */
  get streamArn(): string {
    const arn = this.table.tableStreamArn
    if (arn === undefined) throw new Error('the events table has no stream')
    return arn
  }
}
