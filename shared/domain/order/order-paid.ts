import * as z from 'zod'
import { defineEventType } from '../../events/registry.ts'

/** The order was paid in full. */
export const OrderPaid = defineEventType({
  type: 'OrderPaid',
  versions: [
    {
      version: 1,
      schema: z.object({
        orderId: z.string().min(1),
        amount: z.number().nonnegative(),
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'),
      }),
    },
  ],
})
