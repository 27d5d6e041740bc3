/**
 * The order history table's physical schema, read by both the CDK stack and the local runtime.
 * Per order: one item per line (`line#<sequence>`, so a Query returns the history in stream order)
 * and a head item holding the last version written and the number of lines.
 */
export const OrderHistoryTableSchema = {
  /** `order#<orderId>` (S). */
  partitionKey: 'pk',
  /** `line#<zero-padded stream version>` or `head` (S). */
  sortKey: 'sk',
} as const
