/**
 * The replay jobs table's physical schema, read by both the CDK stack and the local runtime so the
 * table on AWS and the one on the embedded DynamoDB cannot drift apart. One item per job.
 */
export const ReplayJobsTableSchema = {
  /** The job id (S). */
  partitionKey: 'jobId',
  /** Epoch seconds after which DynamoDB's TTL may delete a finished job. */
  ttlAttribute: 'expiresAt',
} as const

/** How long a finished job's record is kept (its status stays readable for this long). */
export const FINISHED_JOB_RETENTION_SECONDS = 30 * 24 * 3600
