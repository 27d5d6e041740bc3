import * as z from 'zod/mini'
import { defineEventType } from '../../events/registry.ts'

/** The order was cancelled. */
export const OrderCancelled = defineEventType({
  type: 'OrderCancelled',
  versions: [
    {
      version: 1,
      schema: z.object({
        orderId: z.string().check(z.minLength(1)),
        reason: z.string().check(z.minLength(1)),
      }),
    },
  ],
})
