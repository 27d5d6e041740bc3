/** CloudWatch Logs defaults: every log group has a retention, so logs never accrue cost forever. */
import { RemovalPolicy } from 'aws-cdk-lib'
import { type LogGroupProps, RetentionDays } from 'aws-cdk-lib/aws-logs'

/** Log group properties for function logs and API access logs. */
export const logGroupDefaults = {
  retention: RetentionDays.ONE_MONTH,
  // Logs are evidence after an incident: keep them when the stack goes, retention still expires them.
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies LogGroupProps
