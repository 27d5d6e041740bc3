import * as z from 'zod'
import { defineEventType } from '../../events/registry.ts'

const item = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
  unitPrice: z.number().nonnegative(),
})

const v1 = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  items: z.array(item).min(1),
})

/** ISO 4217 alphabetic code. */
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR')

const v2 = v1.extend({ currency })

/**
 * An order was placed. Version 1 had no currency; every order then was in EUR, so the upcaster
 * fills that in (kept to show how stored history survives a schema change).
 */
export const OrderPlaced = defineEventType({
  type: 'OrderPlaced',
  versions: [
    { version: 1, schema: v1, upcast: (data: z.output<typeof v1>) => ({ ...data, currency: 'EUR' }) },
    { version: 2, schema: v2 },
  ],
})
