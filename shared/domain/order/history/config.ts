import * as z from 'zod/mini'
import { defineConfigSection } from '../../../config.ts'

/** Loads `ORDER_HISTORY_TABLE_NAME`; throws `ConfigError` naming it when missing. */
export const loadOrderHistoryConfig = defineConfigSection(
  { ORDER_HISTORY_TABLE_NAME: z.string().check(z.minLength(1)) },
  (v) => ({ orderHistoryTableName: v.ORDER_HISTORY_TABLE_NAME }),
)
