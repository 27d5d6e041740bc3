import * as z from 'zod'
import { defineEventType } from '../../events/registry.ts'

/** The order was cancelled. */
export const OrderCancelled = defineEventType({
  type: 'OrderCancelled',
  versions: [
    {
      version: 1,
      schema: z.object({ orderId: z.string().min(1), reason: z.string().min(1) }),
    },
  ],
})
