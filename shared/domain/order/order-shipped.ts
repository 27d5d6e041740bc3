import * as z from 'zod'
import { defineEventType } from '../../events/registry.ts'

/** The order left the warehouse. */
export const OrderShipped = defineEventType({
  type: 'OrderShipped',
  versions: [
    {
      version: 1,
      schema: z.object({
        orderId: z.string().min(1),
        carrier: z.string().min(1),
        trackingNumber: z.string().min(1),
      }),
    },
  ],
})
