/**
 * SQS defaults: every queue is encrypted with a customer-managed key and refuses plain HTTP. SNS can
 * only deliver to a queue whose key policy lets `sns.amazonaws.com` use the key, which AWS's own
 * `alias/aws/sqs` key never allows, so subscribed queues need a key of ours.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import { QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs'
import { FAILED_MESSAGE_RETENTION_SECONDS, VISIBILITY_TIMEOUT_FACTOR } from '../limits.ts'

/** Properties every queue starts from (the key is added by the construct that owns it). */
export const queueDefaults = {
  encryption: QueueEncryption.KMS,
  enforceSSL: true,
  // Fewer KMS calls (and a smaller bill) at high volume; 5 min is the SQS default reuse period.
  dataKeyReuse: Duration.minutes(5),
} as const satisfies QueueProps

/**
 * Properties of queues that hold what failed (consumer DLQs, the relay's on-failure queue): kept the
 * SQS maximum of 14 days, and retained when the stack goes, since their messages are evidence.
 */
export const deadLetterQueueDefaults = {
  ...queueDefaults,
  retentionPeriod: Duration.seconds(FAILED_MESSAGE_RETENTION_SECONDS),
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies QueueProps

/** The visibility timeout of a queue drained by a function with `functionTimeoutSeconds`. */
export function visibilityTimeoutFor(functionTimeoutSeconds: number): Duration {
  return Duration.seconds(functionTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR)
}
