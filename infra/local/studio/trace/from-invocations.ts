/**
 * Wraps the Lambda host's `invoke` as the event source mappings use it, to record what the relay was
 * given (stored) and what each consumer did with each record (handled, deduplicated, failed). The
 * functions run unchanged; only their inputs and answers are read.
 */
import type { DynamoDBRecord, SQSRecord } from 'aws-lambda'
import { classifyRecord } from '../../../../shared/relay/stream-record.ts'
import type { Invoke, InvokeResult } from '../../lambda/types.ts'
import type { TraceRecorder } from './recorder.ts'
import type { TraceTopology } from './topology.ts'
import { HopKind } from './types.ts'

function recordsOf(event: unknown): unknown[] {
  const records = (event as { Records?: unknown } | null)?.Records
  return Array.isArray(records) ? records : []
}

function storedEvents(recorder: TraceRecorder, event: unknown, at: number): void {
  for (const record of recordsOf(event)) {
    try {
      const classified = classifyRecord(record as DynamoDBRecord)
      if (classified.kind !== 'event') continue
      const { id, streamId, version, type, time } = classified.event
      recorder.describe(id, { streamId, version, type, time })
      recorder.hop(id, { kind: HopKind.Stored, at }, 'events')
    } catch {
      // A malformed record is the relay's to report (it fails the batch); the trace has nothing to add.
    }
  }
}

function failedIds(result: InvokeResult): { ids: Set<string>; all?: string } {
  if (!result.ok) return { ids: new Set(), all: `${result.error.errorType}: ${result.error.errorMessage}` }
  const failures = (result.result as { batchItemFailures?: Array<{ itemIdentifier?: string }> } | null)
    ?.batchItemFailures
  return { ids: new Set((failures ?? []).map((f) => String(f.itemIdentifier))) }
}

function envelope(body: string): { id: string; replay: boolean; reprocess: boolean } | undefined {
  try {
    const e = JSON.parse(body) as { id?: unknown; replay?: unknown; reprocess?: unknown }
    return typeof e.id === 'string'
      ? { id: e.id, replay: e.replay === true, reprocess: e.replay === true && e.reprocess === true }
      : undefined
  } catch {
    return undefined
  }
}

function consumerOutcomes(
  recorder: TraceRecorder,
  consumer: string,
  event: unknown,
  result: InvokeResult,
  started: number,
): void {
  const at = Date.now()
  const failed = failedIds(result)
  for (const raw of recordsOf(event)) {
    const record = raw as SQSRecord
    const e = envelope(record.body)
    if (e === undefined) continue
    const { messageId } = record
    const base = { at, consumer, messageId, replay: e.replay }
    if (failed.all !== undefined || failed.ids.has(messageId)) {
      const reason = failed.all ?? 'reported failed by the consumer (batchItemFailures); see its log'
      recorder.hop(e.id, { ...base, kind: HopKind.Failed, failureReason: reason })
      continue
    }
    const poisoned = recorder
      .trace(e.id)
      ?.hops.some((h) => h.kind === HopKind.DeadLettered && h.consumer === consumer && h.at >= started)
    if (poisoned) continue
    // The middleware runs the handler once per event id per consumer unless a replay asks to reprocess.
    const duplicate = !e.reprocess && recorder.handledBefore(e.id, consumer)
    recorder.hop(e.id, { ...base, kind: duplicate ? HopKind.Deduplicated : HopKind.Handled })
  }
}

/** `invoke`, recording the relay's input and the consumers' outcomes into `recorder`. */
export function tracingInvoke(
  invoke: Invoke,
  recorder: TraceRecorder,
  topology: TraceTopology,
  relayFunction: string,
): Invoke {
  return async (functionName, event) => {
    const started = Date.now()
    if (functionName === relayFunction) storedEvents(recorder, event, started)
    const result = await invoke(functionName, event)
    if (topology.consumerFunctions.has(functionName)) {
      consumerOutcomes(recorder, functionName, event, result, started)
    }
    return result
  }
}
