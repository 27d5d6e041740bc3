/**
 * The tables consumers write: the framework's deduplication records (consumer × event id, expiring by
 * TTL) and every table the declaration declares (read models, projections). One customer-managed key
 * encrypts them all. The dedup schema comes from `shared/`, the same one the local runtime uses.
 */
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb'
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam'
import { Key } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { DedupTableSchema, dedupKey } from '../../shared/consumer/dynamodb/dedup-table-schema.ts'
import { STATE_KEY_PREFIX } from '../../shared/projection/keys.ts'
import type { TableDeclaration, TableUse } from '../../shared/topology/declaration.ts'
import { tableDefaults } from '../defaults/dynamodb-defaults.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { pascalCase } from './names.ts'
import { grantTableAccess, TableKeyActions } from './table-access.ts'

/**
 * Table actions of `shared/consumer/dynamodb-dedup-store.ts`: claim and complete are PutItem, release
 * is DeleteItem, the status read after a failed claim is GetItem.
 */
export const DedupTableActions = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'] as const

/** Properties of {@link ConsumerTables}. */
export interface ConsumerTablesProps {
  /** The declaration's tables. */
  readonly tables: readonly TableDeclaration[]
}

/** Dedup table + declared tables, encrypted with one customer-managed key. */
export class ConsumerTables extends Construct {
  readonly encryptionKey: Key
  readonly dedupTable: Table
  /** The declared tables, by declared name. */
  readonly declared: ReadonlyMap<string, Table>

  constructor(scope: Construct, id: string, props: ConsumerTablesProps) {
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
    const declared = new Map<string, Table>()
    for (const table of props.tables) {
      declared.set(
        table.name,
        new Table(this, `${pascalCase(table.name)}Table`, {
          ...tableDefaults,
          encryptionKey: this.encryptionKey,
          partitionKey: { name: table.partitionKey, type: AttributeType.STRING },
          ...(table.sortKey ? { sortKey: { name: table.sortKey, type: AttributeType.STRING } } : {}),
          ...(table.ttlAttribute ? { timeToLiveAttribute: table.ttlAttribute } : {}),
        }),
      )
    }
    this.declared = declared
  }

  /**
   * Lets `grantee` read and write the dedup records of `consumer` only: IAM's `dynamodb:LeadingKeys`
   * condition pins every key it touches to the `<consumer>#` prefix, so one consumer cannot mark
   * another's events as handled.
   */
  grantDedup(grantee: IGrantable, consumer: string): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...DedupTableActions],
      resourceArns: [this.dedupTable.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [dedupKey(consumer, '*')] } },
    })
    this.encryptionKey.grant(grantee, ...TableKeyActions.write)
  }

  /**
   * Lets `grantee` read (and with `write`, put) the state item of projections kept in `table`
   * (`shared/projection/keys.ts`): `dynamodb:LeadingKeys` pins it to the `_projection#` prefix.
   */
  grantProjectionState(grantee: IGrantable, table: string, write: boolean): void {
    Grant.addToPrincipal({
      grantee,
      actions: write ? ['dynamodb:GetItem', 'dynamodb:PutItem'] : ['dynamodb:GetItem'],
      resourceArns: [this.table(table).tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${STATE_KEY_PREFIX}*`] } },
    })
    this.encryptionKey.grant(grantee, ...(write ? TableKeyActions.write : TableKeyActions.read))
  }

  /** The declared table `name` (validation has checked every use names one). */
  table(name: string): Table {
    const table = this.declared.get(name)
    if (table === undefined) throw new Error(`no declared table "${name}"`)
    return table
  }

  /** Grants exactly the actions `use` declares on its table (and the key as reading or writing needs). */
  grantUse(grantee: IGrantable, use: TableUse): void {
    const table = this.table(use.table)
    const writes = use.actions.some((a) => !['GetItem', 'BatchGetItem', 'Query'].includes(a))
    grantTableAccess(grantee, table, this.encryptionKey, {
      actions: use.actions.map((a) => `dynamodb:${a}` as const),
      encrypt: writes,
    })
  }
}
