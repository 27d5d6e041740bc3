import * as z from 'zod/mini'
import { defineConfigSection } from '../../../config.ts'

/** Loads `SALES_REPORT_TABLE_NAME`; throws `ConfigError` naming it when missing. */
export const loadSalesReportConfig = defineConfigSection(
  { SALES_REPORT_TABLE_NAME: z.string().check(z.minLength(1)) },
  (v) => ({ salesReportTableName: v.SALES_REPORT_TABLE_NAME }),
)
