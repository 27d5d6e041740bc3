/**
 * Reads an invocation's outcome the way Lambda does for stream sources: a function error fails the
 * whole batch; with ReportBatchItemFailures, `{ batchItemFailures: [{ itemIdentifier }] }` names the
 * failed records by sequence number, and an identifier that is not in the batch fails it whole.
 */
import type { InvokeResult } from '../lambda/types.ts'

/** `from`: index of the first record to retry (0 with `kind: 'error'`). */
export type BatchOutcome =
  | { kind: 'success' }
  | { kind: 'partial'; from: number }
  | { kind: 'error'; errorType: string }

export function readOutcome(
  result: InvokeResult,
  sequenceNumbers: string[],
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!result.ok) return { kind: 'error', errorType: result.error.errorType }
  if (!reportBatchItemFailures) return { kind: 'success' }
  const response = result.result
  if (response === null || response === undefined || typeof response !== 'object') return { kind: 'success' }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures
  if (failures === undefined || failures === null) return { kind: 'success' }
  if (!Array.isArray(failures)) return { kind: 'error', errorType: 'InvalidBatchItemFailures' }
  if (failures.length === 0) return { kind: 'success' }
  let from = Number.POSITIVE_INFINITY
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier
    const index = typeof id === 'string' ? sequenceNumbers.indexOf(id) : -1
    if (index < 0) return { kind: 'error', errorType: 'InvalidItemIdentifier' }
    from = Math.min(from, index)
  }
  return { kind: 'partial', from }
}
