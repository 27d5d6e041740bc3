/**
 * The consumer deduplication table's physical schema, read by both the CDK stack and the local runtime
 * so the table on AWS and the one on the embedded DynamoDB cannot drift apart.
 *
 * One item per consumer × event id, modelled on Powertools Idempotency's persistence record: an
 * in-progress marker with its own expiry, completed on success, deleted on failure.
 */
export const DedupTableSchema = {
  /** `<consumer>#<eventId>` (S). */
  partitionKey: 'pk',
  /** Epoch seconds after which DynamoDB's TTL may delete the item (TTL only accepts seconds). */
  ttlAttribute: 'expiresAt',
  /** `INPROGRESS` while a handler runs, `COMPLETED` after it succeeded. */
  statusAttribute: 'status',
  /**
   * Epoch milliseconds after which an `INPROGRESS` marker is considered abandoned (the invocation
   * crashed or timed out) and another delivery may take it over.
   */
  inProgressExpiryAttribute: 'inProgressExpiresAt',
} as const

/** Status values of a dedup record. */
export const DedupStatus = {
  InProgress: 'INPROGRESS',
  Completed: 'COMPLETED',
} as const

export type DedupStatus = (typeof DedupStatus)[keyof typeof DedupStatus]

/** The partition key of the dedup record of one event for one consumer. */
export const dedupKey = (consumer: string, eventId: string): string => `${consumer}#${eventId}`
