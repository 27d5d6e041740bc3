/**
 * `GET /streams/{streamId}/events`, `GET /streams/{streamId}`, `GET /projections/{projection}/{key}`
 * and `$default`, folding this deployment's domains and addressing its projections' documents.
 */
import { orderSummaryKey } from '../shared/domain/order/read-model/summary-key.ts'
import { readFunction } from '../shared/lambda/read-function.ts'
import { domain } from './domain.ts'

// `GET /projections/order-summary/<orderId>`: the order's summary, from the active version.
export const handler = readFunction(domain, { 'order-summary': orderSummaryKey })
