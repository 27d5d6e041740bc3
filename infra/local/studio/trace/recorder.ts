/**
 * The trace store: per event id, the hops the runtime saw; per consumer, running counts for the Flow
 * page; and a short history of throughput and latency. In memory and bounded (the last
 * {@link MAX_TRACED_EVENTS} events), as a development console needs no more.
 */
import { type EventTrace, HopKind, type TraceHop } from './types.ts'

/** Events kept; the oldest is forgotten first. 2,000 traces of ~10 hops stay under a few MB. */
export const MAX_TRACED_EVENTS = 2000
/** Hops kept per event: replayed again and again, an event still shows its first 200 hops. */
export const MAX_HOPS_PER_EVENT = 200
/** Width of one history bucket, and how many are kept: 5 minutes at 5 seconds. */
export const HISTORY_BUCKET_MS = 5000
const HISTORY_BUCKETS = 60

/** Counts of one kind of hop, per consumer or topic (the Flow page's per-node numbers). */
export type HopCounts = Record<string, Partial<Record<HopKind, number>>>

/** One history bucket: events stored and handled in it, and the mean publish-to-consumer latency. */
export interface HistoryBucket {
  start: number
  stored: number
  handled: number
  latencyMsTotal: number
}

export interface EventFacts {
  streamId?: string
  version?: number
  type?: string
  time?: string
}

export class TraceRecorder {
  readonly #traces = new Map<string, EventTrace>()
  readonly #counts: HopCounts = {}
  readonly #history: HistoryBucket[] = []
  #stored = 0
  /** Per consumer, messages in its queue not yet deleted or moved: SQS message id → time sent. */
  readonly #pending = new Map<string, Map<string, number>>()

  /** Adds what is known about an event (from its stream record or envelope). */
  describe(eventId: string, facts: EventFacts): EventTrace {
    const trace = this.#trace(eventId)
    if (trace.time === undefined && facts.time !== undefined) Object.assign(trace, facts)
    return trace
  }

  /** Records a hop; `node` is the consumer or topic it counts against on the Flow page. */
  hop(eventId: string, hop: Omit<TraceHop, 'sincePublishMs'>, node = hop.consumer ?? hop.topic ?? ''): void {
    const trace = this.#trace(eventId)
    const published = trace.time === undefined ? undefined : Date.parse(trace.time)
    const sincePublishMs = published === undefined ? undefined : hop.at - published
    if (trace.hops.length < MAX_HOPS_PER_EVENT) {
      trace.hops.push(sincePublishMs === undefined ? hop : { ...hop, sincePublishMs })
    }
    const counts = this.#counts[node] ?? {}
    this.#counts[node] = counts
    counts[hop.kind] = (counts[hop.kind] ?? 0) + 1
    if (hop.kind === HopKind.Stored) this.#stored++
    const bucket = this.#bucket(hop.at)
    if (hop.kind === HopKind.Stored) bucket.stored++
    if (hop.kind === HopKind.Handled && sincePublishMs !== undefined && !hop.replay) {
      bucket.handled++
      bucket.latencyMsTotal += sincePublishMs
    }
  }

  /** The hops of one event, or undefined when the runtime never saw it (or forgot it). */
  trace(eventId: string): EventTrace | undefined {
    return this.#traces.get(eventId)
  }

  /** Whether `consumer` already handled the event outside a reprocessing replay. */
  handledBefore(eventId: string, consumer: string): boolean {
    return (this.#traces.get(eventId)?.hops ?? []).some(
      (h) => h.consumer === consumer && h.kind === HopKind.Handled,
    )
  }

  /** A message entered the consumer's queue. */
  enqueued(consumer: string, messageId: string, at: number): void {
    const pending = this.#pending.get(consumer) ?? new Map<string, number>()
    this.#pending.set(consumer, pending)
    pending.set(messageId, at)
    if (pending.size > MAX_TRACED_EVENTS * 5) pending.delete(pending.keys().next().value as string)
  }

  /** A message left the consumer's queue (deleted, or moved to its DLQ). */
  settled(consumer: string, messageId: string): void {
    this.#pending.get(consumer)?.delete(messageId)
  }

  /** When the oldest message still in the consumer's queue was sent, or undefined if none is. */
  oldestPending(consumer: string): number | undefined {
    let oldest: number | undefined
    for (const at of this.#pending.get(consumer)?.values() ?? []) oldest = Math.min(oldest ?? at, at)
    return oldest
  }

  counts(): { stored: number; nodes: HopCounts } {
    return { stored: this.#stored, nodes: structuredClone(this.#counts) }
  }

  history(now = Date.now()): HistoryBucket[] {
    const from = now - HISTORY_BUCKET_MS * HISTORY_BUCKETS
    return this.#history.filter((b) => b.start >= from).map((b) => ({ ...b }))
  }

  #trace(eventId: string): EventTrace {
    let trace = this.#traces.get(eventId)
    if (trace === undefined) {
      trace = { eventId, hops: [] }
      this.#traces.set(eventId, trace)
      // A Map iterates in insertion order: the first key is the oldest event.
      if (this.#traces.size > MAX_TRACED_EVENTS) {
        const oldest = this.#traces.keys().next().value
        if (oldest !== undefined) this.#traces.delete(oldest)
      }
    }
    return trace
  }

  #bucket(at: number): HistoryBucket {
    const start = at - (at % HISTORY_BUCKET_MS)
    const last = this.#history.at(-1)
    if (last && last.start === start) return last
    const found = this.#history.find((b) => b.start === start)
    if (found) return found
    const bucket = { start, stored: 0, handled: 0, latencyMsTotal: 0 }
    this.#history.push(bucket)
    this.#history.sort((a, b) => a.start - b.start)
    while (this.#history.length > HISTORY_BUCKETS) this.#history.shift()
    return bucket
  }
}
