/**
 * Publishes order events over the local HTTP API in a closed loop and matches each 201 with the
 * consumers' completions of that event, which the timed consumer wrapper posts on a BroadcastChannel.
 */
import { BroadcastChannel } from 'node:worker_threads'
import type { ConsumerDeclaration } from '../../shared/topology/declaration.ts'
import { type EventRoutes, topicOf } from '../../shared/topology/routing.ts'
import { orderLife } from '../lib/order-events.ts'
import { epochMs } from '../lib/stats.ts'
import { COMPLETIONS_CHANNEL, type Completion } from './completions.ts'

/** Which consumers an event type reaches (the topology's filter policies, for the example domain). */
export type Audience = (type: string) => readonly string[]

/** The outcome of one load run. */
export interface LoadResult {
  /** 201s per second while publishing. */
  publishRate: number
  published: number
  /** ms from each 201 to each consumer's completion of that event. */
  latencies: number[]
  /** ms from the last 201 until the last expected completion (or the drain timeout). */
  drainMs: number
  /** Expected completions that never arrived within the drain timeout. */
  missing: number
}

interface Tracker {
  /** `${consumer} ${eventId}` → 201 time. */
  pending: Map<string, number>
  /** Completions that arrived before their 201 was seen (a fast consumer): `${consumer} ${eventId}` → time. */
  early: Map<string, number>
  latencies: number[]
  lastCompletion: number
}

function track(tracker: Tracker, completion: Completion): void {
  for (const id of completion.eventIds) {
    const key = `${completion.consumer} ${id}`
    const sent = tracker.pending.get(key)
    if (sent === undefined) {
      tracker.early.set(key, completion.at)
      continue
    }
    tracker.pending.delete(key)
    tracker.latencies.push(completion.at - sent)
    tracker.lastCompletion = Math.max(tracker.lastCompletion, completion.at)
  }
}

function expect(tracker: Tracker, key: string, sentAt: number): void {
  const done = tracker.early.get(key)
  if (done === undefined) {
    tracker.pending.set(key, sentAt)
    return
  }
  tracker.early.delete(key)
  tracker.latencies.push(done - sentAt)
  tracker.lastCompletion = Math.max(tracker.lastCompletion, done)
}

async function publishOne(
  url: string,
  streamId: string,
  event: unknown,
): Promise<{ id: string; type: string }> {
  const response = await fetch(`${url}/streams/${streamId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: [event] }),
  })
  const body = (await response.json()) as { events?: { id: string; type: string }[] }
  const stored = body.events?.[0]
  if (response.status !== 201 || stored === undefined) {
    throw new Error(`publish answered ${response.status}: ${JSON.stringify(body)}`)
  }
  return stored
}

/**
 * `workers` clients each publish one order's events in turn (placed, paid, shipped), one event per
 * request, for `durationMs`; then waits up to `drainTimeoutMs` for every expected completion.
 */
export async function runLoad(opts: {
  url: string
  workers: number
  durationMs: number
  drainTimeoutMs: number
  audience: Audience
}): Promise<LoadResult> {
  const tracker: Tracker = { pending: new Map(), early: new Map(), latencies: [], lastCompletion: 0 }
  const channel = new BroadcastChannel(COMPLETIONS_CHANNEL)
  channel.onmessage = (message) => track(tracker, (message as { data: Completion }).data)
  try {
    const start = performance.now()
    const deadline = start + opts.durationMs
    let published = 0
    let lastSent = 0
    await Promise.all(
      Array.from({ length: opts.workers }, async () => {
        while (performance.now() < deadline) {
          const orderId = crypto.randomUUID()
          for (const event of orderLife(orderId)) {
            const stored = await publishOne(opts.url, `order-${orderId}`, event)
            const sentAt = epochMs()
            published++
            lastSent = Math.max(lastSent, sentAt)
            for (const consumer of opts.audience(stored.type))
              expect(tracker, `${consumer} ${stored.id}`, sentAt)
          }
        }
      }),
    )
    const publishSeconds = (performance.now() - start) / 1000
    const drainDeadline = performance.now() + opts.drainTimeoutMs
    while (tracker.pending.size > 0 && performance.now() < drainDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return {
      publishRate: published / publishSeconds,
      published,
      latencies: tracker.latencies,
      drainMs:
        tracker.pending.size > 0 ? opts.drainTimeoutMs : Math.max(0, tracker.lastCompletion - lastSent),
      missing: tracker.pending.size,
    }
  } finally {
    channel.close()
  }
}

/** Consumers of the topology that an event of `type` reaches, by topic and filter policy on `type`. */
export function topologyAudience(consumers: readonly ConsumerDeclaration[], routes: EventRoutes): Audience {
  return (type) =>
    consumers
      .filter((c) => c.topic === topicOf(routes, type) && matchesType(c.filterPolicy?.type, type))
      .map((c) => c.name)
}

// Only the two filter forms the topology uses on `type`: exact names and `{ prefix }`.
function matchesType(rules: readonly unknown[] | undefined, type: string): boolean {
  if (rules === undefined) return true
  return rules.some((rule) =>
    typeof rule === 'string'
      ? rule === type
      : typeof rule === 'object' && rule !== null && 'prefix' in rule && type.startsWith(String(rule.prefix)),
  )
}
