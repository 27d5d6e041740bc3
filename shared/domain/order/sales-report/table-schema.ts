/**
 * The daily sales report table's physical schema, read by both the CDK stack and the local runtime.
 * One item per UTC day and currency, so a Query of a day returns its figures in every currency.
 */
export const SalesReportTableSchema = {
  /** `day#<YYYY-MM-DD>` (S), the UTC day of the events' time. */
  partitionKey: 'pk',
  /** The ISO 4217 currency code (S). */
  sortKey: 'sk',
} as const
