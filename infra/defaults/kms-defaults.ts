/** KMS defaults: customer-managed keys rotate yearly and outlive the stack (data encrypted with them may). */
import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import type { KeyProps } from 'aws-cdk-lib/aws-kms'

/** Key properties for every customer-managed key of the backbone. */
export const keyDefaults = {
  enableKeyRotation: true,
  // A deleted key makes every table backup and stream record encrypted with it unreadable.
  removalPolicy: RemovalPolicy.RETAIN,
  pendingWindow: Duration.days(30),
} as const satisfies KeyProps
