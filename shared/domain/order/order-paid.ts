import * as z from 'zod/mini'
import { defineEventType } from '../../events/registry.ts'

/** The order was paid in full. */
export const OrderPaid = defineEventType({
  type: 'OrderPaid',
  versions: [
    {
      version: 1,
      schema: z.object({
        orderId: z.string().check(z.minLength(1)),
        amount: z.number().check(z.nonnegative()),
        currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR')),
      }),
    },
  ],
})
