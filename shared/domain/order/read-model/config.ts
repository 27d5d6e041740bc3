import * as z from 'zod/mini'
import { defineConfigSection } from '../../../config.ts'

/** Loads `READ_MODEL_TABLE_NAME`; throws `ConfigError` naming it when missing. */
export const loadReadModelConfig = defineConfigSection(
  { READ_MODEL_TABLE_NAME: z.string().check(z.minLength(1)) },
  (v) => ({
    readModelTableName: v.READ_MODEL_TABLE_NAME,
  }),
)
