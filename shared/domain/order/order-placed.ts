import * as z from 'zod/mini'
import { defineEventType } from '../../events/registry.ts'

const item = z.object({
  sku: z.string().check(z.minLength(1)),
  quantity: z.number().check(z.int(), z.positive()),
  unitPrice: z.number().check(z.nonnegative()),
})

const v1 = z.object({
  orderId: z.string().check(z.minLength(1)),
  customerId: z.string().check(z.minLength(1)),
  items: z.array(item).check(z.minLength(1)),
})

/** ISO 4217 alphabetic code. */
const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'))

const v2 = z.extend(v1, { currency })

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
