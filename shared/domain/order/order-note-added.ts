import * as z from 'zod/mini'
import { defineEventType } from '../../events/registry.ts'

/** Someone wrote a line in the order's history (a support agent, the warehouse, the customer). */
export const OrderNoteAdded = defineEventType({
  type: 'OrderNoteAdded',
  versions: [
    {
      version: 1,
      schema: z.object({
        orderId: z.string().check(z.minLength(1)),
        author: z.string().check(z.minLength(1)),
        text: z.string().check(z.minLength(1), z.maxLength(4000)),
      }),
    },
  ],
})
