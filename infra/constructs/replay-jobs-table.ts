/** The replay jobs table: one item per job (request, cursor, counts, status), finished jobs expire by TTL. */
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb'
import type { IGrantable } from 'aws-cdk-lib/aws-iam'
import { Key } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { ReplayJobsTableSchema } from '../../shared/replay/dynamodb/jobs-table-schema.ts'
import { tableDefaults } from '../defaults/dynamodb-defaults.ts'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { grantTableAccess } from './table-access.ts'

/** Table actions of `shared/replay/dynamodb-job-store.ts`: create (Put), read (Get), checkpoint and lease (Update). */
export const ReplayJobsAccess = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'] as const

/** The jobs table and its key. */
export class ReplayJobsTable extends Construct {
  readonly encryptionKey: Key
  readonly table: Table

  constructor(scope: Construct, id: string) {
    super(scope, id)
    this.encryptionKey = new Key(this, 'Key', {
      ...keyDefaults,
      description: 'Encrypts the replay jobs table',
    })
    this.table = new Table(this, 'Table', {
      ...tableDefaults,
      encryptionKey: this.encryptionKey,
      partitionKey: { name: ReplayJobsTableSchema.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: ReplayJobsTableSchema.ttlAttribute,
    })
  }

  /** Lets `grantee` create, read and update jobs. */
  grantReadWrite(grantee: IGrantable): void {
    grantTableAccess(grantee, this.table, this.encryptionKey, { actions: ReplayJobsAccess, encrypt: true })
  }
}
