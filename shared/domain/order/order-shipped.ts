import * as z from 'zod/mini'
import { defineEventType } from '../../events/registry.ts'

/** The order left the warehouse. */
export const OrderShipped = defineEventType({
  type: 'OrderShipped',
  versions: [
    {
      version: 1,
      schema: z.object({
        orderId: z.string().check(z.minLength(1)),
        carrier: z.string().check(z.minLength(1)),
        trackingNumber: z.string().check(z.minLength(1)),
      }),
    },
  ],
})
