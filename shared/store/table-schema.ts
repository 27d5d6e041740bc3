/**
 * The events table's physical schema: the one place both the CDK stack and the local runtime read,
 * so the table deployed on AWS and the one created on the embedded DynamoDB cannot drift apart.
 */
export const EventsTableSchema = {
  partitionKey: 'streamId',
  sortKey: 'version',
  /** Global secondary index over all events by time, for time/type-filtered reads without a scan. */
  timeIndex: {
    name: 'byTime',
    /** `YYYY-MM-DD` (UTC day of the event): bounds a partition's size; readers query day by day. */
    partitionKey: 'timeBucket',
    /** `<ISO-8601 time>#<streamId>#<zero-padded version>`: unique and ordered by time. */
    sortKey: 'timeKey',
  },
  /** Epoch seconds after which DynamoDB may delete an item (used by idempotency guards only). */
  ttlAttribute: 'expiresAt',
} as const
