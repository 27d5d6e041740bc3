import * as z from 'zod/mini'
import { defineEventType } from '../../events/registry.ts'

/**
 * A payment was received for the order: `amount` in `currency`. An order may be paid in parts, so
 * every OrderPaid ADDS its amount to what was paid before; it never states the total paid. Events are
 * facts: a second payment is a second fact, not a correction of the first. Both folds of an order
 * follow this meaning: the reducer (`reducer.ts`, `amountPaid`, behind `GET /streams/{id}`) and the
 * read model (`read-model/order-summary.ts`, whose repository adds each payment once per version).
 */
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
