/**
 * The Flow page's snapshot: the topology (publish → events table → relay → topics → each consumer's
 * queue, DLQ and function) with per-node counts, and the recent throughput and latency history.
 */
import { queueCounts } from '../pollers/queue-counts.ts'
import type { StudioSources } from './sources.ts'
import { HISTORY_BUCKET_MS } from './trace/recorder.ts'
import { HopKind } from './trace/types.ts'

const fn = (s: StudioSources, name: string) => s.functionStats?.()[name] ?? null

async function consumerNode(s: StudioSources, name: string) {
  const declared = s.declaration.consumers.find((c) => c.name === name)
  const queues = s.resources.consumerQueues[name]
  if (declared === undefined || queues === undefined) return undefined
  const [queue, dlq] = await Promise.all([
    queueCounts(s.sqs, queues.queueUrl),
    queueCounts(s.sqs, queues.dlqUrl),
  ])
  const counts = s.recorder?.counts().nodes[name] ?? {}
  return {
    name,
    topic: declared.topic,
    filterPolicy: declared.filterPolicy ?? null,
    queue: { ...queue, oldestAgeSeconds: s.recorder ? oldestAge(s, name) : null },
    dlq,
    function: fn(s, name),
    delivered: counts[HopKind.Delivered] ?? 0,
    filteredOut: counts[HopKind.FilteredOut] ?? 0,
    handled: counts[HopKind.Handled] ?? 0,
    deduplicated: counts[HopKind.Deduplicated] ?? 0,
    failed: counts[HopKind.Failed] ?? 0,
    deadLettered: counts[HopKind.DeadLettered] ?? 0,
  }
}

/** Age of the oldest message delivered to the consumer's queue and not yet settled, from the trace. */
function oldestAge(s: StudioSources, consumer: string): number | null {
  const oldest = s.recorder?.oldestPending(consumer)
  return oldest === undefined ? null : Math.round((Date.now() - oldest) / 1000)
}

export async function flowSnapshot(s: StudioSources) {
  const counts = s.recorder?.counts()
  const consumers = await Promise.all(s.declaration.consumers.map((c) => consumerNode(s, c.name)))
  const history = (s.recorder?.history() ?? []).map((b) => ({
    time: b.start,
    storedPerSecond: b.stored / (HISTORY_BUCKET_MS / 1000),
    handledPerSecond: b.handled / (HISTORY_BUCKET_MS / 1000),
    meanLatencyMs: b.handled > 0 ? Math.round(b.latencyMsTotal / b.handled) : null,
  }))
  return {
    at: new Date().toISOString(),
    traced: s.recorder !== undefined,
    publish: { function: fn(s, 'publish') },
    events: { stored: counts?.stored ?? null },
    relay: { function: fn(s, 'relay') },
    topics: s.declaration.topics.map((t) => ({
      name: t.name,
      fifo: t.fifo,
      published: counts?.nodes[t.name]?.[HopKind.Relayed] ?? null,
    })),
    consumers: consumers.filter((c) => c !== undefined),
    history,
  }
}
