/**
 * The tables consumers write: deduplication records (consumer × event id, expiring by TTL) and the
 * read model the example consumers project into. Schemas come from `shared/`, the same ones the local
 * runtime creates its tables from.
 */
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb'
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam'
import { Key } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { DedupTableSchema, dedupKey } from '../../shared/consumer/dedup-table-schema.ts'
import { ReadModelTableSchema } from '../../shared/domain/order/read-model/table-schema.ts'
import { tableDefaults } from '../defaults/dynamodb-defaults.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { grantTableAccess, TableKeyActions } from './table-access.ts'

/**
 * Table actions of `shared/consumer/dynamodb-dedup-store.ts` (claim and complete are PutItem, release
 * is DeleteItem, the status read after a failed claim is GetItem) and of the read-model repositories
 * in `shared/domain/order/read-model/` (GetItem + UpdateItem for summaries, PutItem + Query for
 * notifications).
 */
export const ConsumerTableAccess = {
  dedup: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'],
  readModel: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
} as const

/** Dedup table + read-model table, encrypted with one customer-managed key. */
export class ConsumerTables extends Construct {
  readonly encryptionKey: Key
  readonly dedupTable: Table
  readonly readModelTable: Table

  constructor(scope: Construct, id: string) {
    super(scope, id)
    this.encryptionKey = new Key(this, 'Key', {
      ...keyDefaults,
      description: 'Encrypts the consumer dedup and read-model tables',
    })
    this.dedupTable = new Table(this, 'DedupTable', {
      ...tableDefaults,
      encryptionKey: this.encryptionKey,
      partitionKey: { name: DedupTableSchema.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: DedupTableSchema.ttlAttribute,
    })
    this.readModelTable = new Table(this, 'ReadModelTable', {
      ...tableDefaults,
      encryptionKey: this.encryptionKey,
      partitionKey: { name: ReadModelTableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: ReadModelTableSchema.sortKey, type: AttributeType.STRING },
    })
  }

  /**
   * Lets `grantee` read and write the dedup records of `consumer` only: IAM's `dynamodb:LeadingKeys`
   * condition pins every key it touches to the `<consumer>#` prefix, so one consumer cannot mark
   * another's events as handled.
   */
  grantDedup(grantee: IGrantable, consumer: string): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...ConsumerTableAccess.dedup],
      resourceArns: [this.dedupTable.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [dedupKey(consumer, '*')] } },
    })
    this.encryptionKey.grant(grantee, ...TableKeyActions.write)
  }

  /** Lets `grantee` read and write read-model items (no Scan, no delete, no index). */
  grantReadModel(grantee: IGrantable): void {
    grantTableAccess(grantee, this.readModelTable, this.encryptionKey, {
      actions: ConsumerTableAccess.readModel,
      encrypt: true,
    })
  }
}
