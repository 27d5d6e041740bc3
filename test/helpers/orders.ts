/**
 * Order events and publishing over the HTTP API, as a client of the backbone does it: plain fetch,
 * the documented request body, 201 with the stored events' ids.
 */
import { randomUUID } from 'node:crypto'
import { registry } from '../../functions/domain.ts'

/** One event of a publish request. */
export interface NewEvent {
  type: string
  data: Record<string, unknown>
}

/** An acknowledged (201) event. */
export interface Acknowledged {
  streamId: string
  orderId: string
  id: string
  type: string
  version: number
}

export const orderPlaced = (orderId: string): NewEvent => ({
  type: 'OrderPlaced',
  data: {
    orderId,
    customerId: `customer-${orderId}`,
    items: [{ sku: 'SKU-1', quantity: 2, unitPrice: 9.5 }],
    currency: 'EUR',
  },
})

export const orderShipped = (orderId: string): NewEvent => ({
  type: 'OrderShipped',
  data: { orderId, carrier: 'DHL', trackingNumber: `TRACK-${orderId}` },
})

/** A fresh order id whose stream is `<prefix><id>`. */
export const newOrder = (prefix = 'order-'): { orderId: string; streamId: string } => {
  const orderId = randomUUID()
  return { orderId, streamId: `${prefix}${orderId}` }
}

/** Thrown when the API answers something other than 201. */
export class PublishRejectedError extends Error {
  constructor(status: number, body: string) {
    super(`publish answered ${status}: ${body}`)
    this.name = 'PublishRejectedError'
  }
}

/** POSTs events to a stream; resolves with the acknowledged events, rejects unless 201. */
export async function publish(
  httpUrl: string,
  streamId: string,
  events: readonly NewEvent[],
): Promise<Acknowledged[]> {
  const response = await fetch(`${httpUrl}/streams/${encodeURIComponent(streamId)}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  })
  const text = await response.text()
  if (response.status !== 201) throw new PublishRejectedError(response.status, text)
  const body = JSON.parse(text) as { events: Array<{ id: string; type: string; version: number }> }
  return body.events.map((e, i) => ({
    streamId,
    orderId: String(events[i]?.data.orderId),
    id: e.id,
    type: e.type,
    version: e.version,
  }))
}

/**
 * Runs `task` over `items` with at most `limit` in flight; settles every task (a crash mid-burst
 * rejects some) and returns their results in order.
 */
export async function inBoundedParallel<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const index = next++
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index] as T) }
      } catch (reason) {
        results[index] = { status: 'rejected', reason }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return results
}

/** Publishes OrderPlaced then OrderShipped for each order (two requests, in order per stream). */
export async function placeAndShip(
  httpUrl: string,
  orders: ReadonlyArray<{ orderId: string; streamId: string }>,
  inFlight: number,
): Promise<{ acknowledged: Acknowledged[]; failures: unknown[] }> {
  const acknowledged: Acknowledged[] = []
  // Each order is one lane task with two sequential requests: ~`inFlight` requests at any time.
  const settled = await inBoundedParallel(orders, inFlight, async ({ orderId, streamId }) => {
    acknowledged.push(...(await publish(httpUrl, streamId, [orderPlaced(orderId)])))
    acknowledged.push(...(await publish(httpUrl, streamId, [orderShipped(orderId)])))
  })
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []))
  return { acknowledged, failures }
}

/**
 * A CloudEvents envelope exactly as the relay puts it on the wire, for tests that send to a queue
 * directly (duplicates, a message parked in a DLQ).
 */
export function envelope(streamId: string, event: NewEvent, version = 1): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'urn:event-backbone',
    type: event.type,
    subject: streamId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    sequence: String(version).padStart(10, '0'),
    schemaversion: registry.latestVersion(event.type),
  }
}
