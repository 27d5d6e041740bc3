/**
 * Least-privilege table grants. CDK's `grantReadData`/`grantWriteData` include Scan, BatchWriteItem,
 * DeleteItem and the stream actions; the store needs far less, so grants list exact actions.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb'
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam'
import type { IKey } from 'aws-cdk-lib/aws-kms'

/** Exact table actions, and whether the caller writes (so needs to encrypt with the table key). */
export interface TableAccess {
  readonly actions: readonly `dynamodb:${string}`[]
  readonly encrypt: boolean
}

/**
 * KMS actions DynamoDB performs with the caller's permissions on a customer-managed key. Listed
 * exactly: CDK's `grantEncryptDecrypt` adds `kms:ReEncrypt*` and `kms:GenerateDataKey*`, wildcards
 * that nag (IAM5) rejects and that no table operation needs.
 */
export const TableKeyActions = {
  read: ['kms:Decrypt'],
  write: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
} as const

/**
 * Grants `access.actions` on the table itself (not its indexes or stream) and the KMS actions
 * reading or writing it needs, on that table's key only.
 */
export function grantTableAccess(grantee: IGrantable, table: ITable, key: IKey, access: TableAccess): void {
  Grant.addToPrincipal({ grantee, actions: [...access.actions], resourceArns: [table.tableArn] })
  key.grant(grantee, ...(access.encrypt ? TableKeyActions.write : TableKeyActions.read))
}
