/**
 * The peer consumer's schema, written as Powertools' parser documentation shows: classic zod, the
 * built-in `SqsRecordSchema` and `SnsSqsNotificationSchema` (the schemas its `SnsSqsEnvelope` parses
 * with) joined by `JSONStringified`, around the same CloudEvents envelope and order data rules our
 * registry checks (`shared/events/parse-cloud-event.ts`, `shared/domain/order/*.ts`).
 */
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers'
import { SnsSqsNotificationSchema } from '@aws-lambda-powertools/parser/schemas/sns'
import { SqsRecordSchema } from '@aws-lambda-powertools/parser/schemas/sqs'
// The peer as its users write it: classic zod (our own code uses zod/mini for its load time).
import { z } from 'zod'

const nonEmpty = z.string().min(1)
const currency = z.string().regex(/^[A-Z]{3}$/)

const envelope = {
  specversion: z.literal('1.0'),
  id: nonEmpty,
  source: nonEmpty,
  subject: nonEmpty,
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  sequence: z.string().regex(/^\d+$/),
  schemaversion: z.number().int().positive(),
}

const orderPlaced = z.object({
  orderId: nonEmpty,
  customerId: nonEmpty,
  items: z
    .array(
      z.object({ sku: nonEmpty, quantity: z.number().int().positive(), unitPrice: z.number().nonnegative() }),
    )
    .min(1),
  currency,
})
const orderPaid = z.object({ orderId: nonEmpty, amount: z.number().nonnegative(), currency })
const orderShipped = z.object({ orderId: nonEmpty, carrier: nonEmpty, trackingNumber: nonEmpty })
const orderCancelled = z.object({ orderId: nonEmpty, reason: nonEmpty })

/** An order event's CloudEvents envelope, its data checked by type. */
export const OrderCloudEventSchema = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('OrderPlaced'), data: orderPlaced }),
  z.object({ ...envelope, type: z.literal('OrderPaid'), data: orderPaid }),
  z.object({ ...envelope, type: z.literal('OrderShipped'), data: orderShipped }),
  z.object({ ...envelope, type: z.literal('OrderCancelled'), data: orderCancelled }),
])

/** One SQS record whose body is an SNS notification whose message is an order event. */
export const OrderRecordSchema = SqsRecordSchema.extend({
  body: JSONStringified(SnsSqsNotificationSchema.extend({ Message: JSONStringified(OrderCloudEventSchema) })),
})

export type OrderRecord = z.infer<typeof OrderRecordSchema>
