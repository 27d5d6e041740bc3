/** The JSON the studio's API answers, as the pages read it. */

export interface FunctionCounts {
  invocations: number
  errors: number
}

export interface ConsumerNode {
  name: string
  topic: string
  filterPolicy: unknown
  queue: { visible: number; inFlight: number; oldestAgeSeconds: number | null }
  dlq: { visible: number; inFlight: number }
  function: FunctionCounts | null
  delivered: number
  filteredOut: number
  handled: number
  deduplicated: number
  failed: number
  deadLettered: number
}

export interface FlowSnapshot {
  at: string
  traced: boolean
  publish: { function: FunctionCounts | null }
  events: { stored: number | null }
  relay: { function: FunctionCounts | null }
  topics: Array<{ name: string; fifo: boolean; published: number | null }>
  consumers: ConsumerNode[]
  history: Array<{
    time: number
    storedPerSecond: number
    handledPerSecond: number
    meanLatencyMs: number | null
  }>
}

export interface StoredEvent {
  streamId: string
  id: string
  version: number
  type: string
  schemaVersion: number
  time: string
  data: unknown
  metadata: Record<string, string>
  /** The CloudEvents envelope the relay publishes (stream reads only). */
  envelope?: unknown
}

// Type-only: the shapes the studio's server records (erased from the bundle).
export type { EventTrace, TraceHop } from '../trace/types.ts'

export interface ReplayStatus {
  jobId: string
  status: 'running' | 'completed' | 'cancelled' | 'failed'
  dryRun: boolean
  target: { consumer?: string; topic?: string }
  matched: number
  sent: number
  failed: number
  progress: number
  first?: { streamId: string; version: number; id: string; type: string; time: string }
  last?: { streamId: string; version: number; id: string; type: string; time: string }
  error?: string
  createdAt: string
  finishedAt?: string
}
