/**
 * Numbers both the CDK stacks and the local runtime build queues from. Plain constants, so the local
 * runtime can share them without loading aws-cdk-lib.
 */

/**
 * A consumer queue's visibility timeout as a multiple of its function's timeout: AWS's advice for
 * SQS event sources, so a batch still being retried by Lambda's poller never reappears early.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6

/** How long queues of what failed (DLQs, the relay's on-failure queue) keep it: SQS's maximum, 14 days. */
export const FAILED_MESSAGE_RETENTION_SECONDS = 14 * 24 * 3600
