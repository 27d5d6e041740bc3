/**
 * Turns the SNS/SQS engine's messages into trace hops: a topic publish (relayed, and filtered out for
 * each subscription whose policy rejects it, judged by the engine's own filter code), a send to a
 * consumer's queue (delivered), a send to its DLQ with `failure-type` (poison) or a move after
 * maxReceiveCount (dead-lettered).
 */
import type { SpyMessage } from 'fauxqs'
import type { TraceRecorder } from './recorder.ts'
import type { TraceTopology } from './topology.ts'
import { HopKind } from './types.ts'

type Attributes = Record<string, { DataType?: string; StringValue?: string }>
type MatchesFilterPolicy = (policy: Record<string, unknown>, attributes: Attributes) => boolean

/**
 * fauxqs's filter-policy evaluation, the very code that decided the fan-out. The package exports only
 * its entry point; a file URL beside it reaches the module instance the engine loaded.
 */
export async function engineFilterPolicy(): Promise<MatchesFilterPolicy> {
  const url = new URL('./sns/filter.js', import.meta.resolve('fauxqs'))
  const mod = (await import(url.href)) as { matchesFilterPolicy: MatchesFilterPolicy }
  return mod.matchesFilterPolicy
}

interface Envelope {
  id?: unknown
  subject?: unknown
  sequence?: unknown
  type?: unknown
  time?: unknown
  replay?: unknown
}

function envelopeOf(body: string): Envelope | undefined {
  try {
    const parsed: unknown = JSON.parse(body)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Envelope) : undefined
  } catch {
    // Not an envelope (a test's raw message): nothing to trace.
    return undefined
  }
}

/** Records an envelope's facts; returns its event id and whether it is a replay, or undefined. */
function describe(recorder: TraceRecorder, body: string): { eventId: string; replay: boolean } | undefined {
  const e = envelopeOf(body)
  if (typeof e?.id !== 'string') return undefined
  recorder.describe(e.id, {
    ...(typeof e.subject === 'string' ? { streamId: e.subject } : {}),
    ...(typeof e.sequence === 'string' ? { version: Number(e.sequence) } : {}),
    ...(typeof e.type === 'string' ? { type: e.type } : {}),
    ...(typeof e.time === 'string' ? { time: e.time } : {}),
  })
  return { eventId: e.id, replay: e.replay === true }
}

function settle(recorder: TraceRecorder, consumer: string, m: SpyMessage & { service: 'sqs' }): void {
  if (m.status === 'published') recorder.enqueued(consumer, m.messageId, m.timestamp)
  else recorder.settled(consumer, m.messageId)
}

/** A listener for `SnsSqsEngine.onMessage` feeding `recorder`. */
export function engineListener(
  recorder: TraceRecorder,
  topology: TraceTopology,
  matches: MatchesFilterPolicy,
): (message: SpyMessage) => void {
  return (m) => {
    if (m.service === 's3') return
    const queueConsumer = m.service === 'sqs' ? topology.consumerByQueue.get(m.queueName) : undefined
    if (m.service === 'sqs' && queueConsumer !== undefined) settle(recorder, queueConsumer, m)
    const seen = describe(recorder, m.body)
    if (seen === undefined) return
    const { eventId, replay } = seen
    const at = m.timestamp
    const attributes = m.messageAttributes as Attributes
    if (m.service === 'sns') {
      const topic = topology.topicByArn.get(m.topicArn) ?? m.topicName
      recorder.hop(eventId, { kind: HopKind.Relayed, at, topic, messageId: m.messageId, replay })
      for (const s of topology.subscribers.get(topic) ?? []) {
        const policy = s.filterPolicy as Record<string, unknown> | undefined
        if (policy && !matches(policy, attributes)) {
          recorder.hop(eventId, { kind: HopKind.FilteredOut, at, consumer: s.consumer, filterPolicy: policy })
        }
      }
      return
    }
    const consumer = topology.consumerByQueue.get(m.queueName)
    if (consumer !== undefined && m.status === 'published') {
      recorder.hop(eventId, { kind: HopKind.Delivered, at, consumer, messageId: m.messageId, replay })
    } else if (consumer !== undefined && m.status === 'dlq') {
      recorder.hop(eventId, {
        kind: HopKind.DeadLettered,
        at,
        consumer,
        messageId: m.messageId,
        failureType: 'MaxReceiveCountExceeded',
        failureReason: 'failed on every receive up to the queue’s maxReceiveCount',
      })
    }
    const poisonedBy = topology.consumerByDlq.get(m.queueName)
    const failureType = attributes['failure-type']?.StringValue
    if (poisonedBy !== undefined && m.status === 'published' && failureType !== undefined) {
      recorder.hop(eventId, {
        kind: HopKind.DeadLettered,
        at,
        consumer: poisonedBy,
        messageId: m.messageId,
        failureType,
        failureReason: attributes['failure-reason']?.StringValue ?? '',
      })
    }
  }
}
