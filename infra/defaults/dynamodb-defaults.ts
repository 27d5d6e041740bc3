/**
 * DynamoDB defaults for tables that hold data we cannot lose: on-demand capacity, point-in-time
 * recovery, deletion protection, retained on stack deletion, encrypted with a customer-managed key.
 */
import { RemovalPolicy } from 'aws-cdk-lib'
import { BillingMode, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb'

/** Table properties (keys, key material and streams are added by the construct that owns the table). */
export const tableDefaults = {
  billingMode: BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  deletionProtection: true,
  removalPolicy: RemovalPolicy.RETAIN,
  encryption: TableEncryption.CUSTOMER_MANAGED,
} as const satisfies Omit<TableProps, 'partitionKey'>
