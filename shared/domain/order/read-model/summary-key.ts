import { ReadModelTableSchema } from './table-schema.ts'

const { partitionKey, sortKey } = ReadModelTableSchema

/**
 * The key of an order's summary item (version 1's; a projection's other versions prefix it, see
 * `shared/projection/keys.ts`). Its own module: the read function addresses summaries without
 * loading the repository's SDK commands.
 */
export const orderSummaryKey = (orderId: string): Record<string, string> => ({
  [partitionKey]: `order#${orderId}`,
  [sortKey]: 'summary',
})
