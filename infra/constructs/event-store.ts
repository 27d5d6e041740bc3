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
import type { IGrantable } from 'aws-cdk-lib/aws-iam'
import { type IKey, Key } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { EventsTableSchema } from '../../shared/store/table-schema.ts'
import { tableDefaults } from '../defaults/dynamodb-defaults.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { grantTableAccess, type TableAccess } from './table-access.ts'

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
 * guard). IAM authorizes a transaction per contained action, so no `TransactWriteItems` action
 * exists, and no ConditionCheckItem is used. Appends also read: GetItem (the guard of a retried
 * request) and Query (the stream's actual version after a conflict, the first result on a replay).
 * Reads are Query (a stream page) and GetItem (one version).
 */
export const EventStoreAccess = {
  append: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query'],
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
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

  /** Lets `grantee` read streams (Query, GetItem) on the table only; no index, no Scan, no writes. */
  grantRead(grantee: IGrantable): void {
    grantTableAccess(grantee, this.table, this.encryptionKey, {
      actions: EventStoreAccess.read,
      encrypt: false,
    })
  }
}
