/** What a batch's invocation decided: which messages stay on the queue. */
export type BatchVerdict =
  | { readonly kind: 'partial'; readonly failedIds: ReadonlySet<string> }
  | { readonly kind: 'all-failed'; readonly reason: string }

const ALL_SUCCEEDED: BatchVerdict = { kind: 'partial', failedIds: new Set() }
const allFailed = (reason: string): BatchVerdict => ({ kind: 'all-failed', reason })

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads a function's answer under ReportBatchItemFailures, with Lambda's rules: a null or empty
 * response, or a null or empty `batchItemFailures`, means every message succeeded; a response that
 * is not an object, a `batchItemFailures` that is not a list, or any item whose `itemIdentifier` is
 * missing, empty, not a string or not a message id of this batch fails the whole batch.
 */
export function readBatchResponse(result: unknown, messageIds: ReadonlySet<string>): BatchVerdict {
  if (result === null || result === undefined) return ALL_SUCCEEDED
  if (!isObject(result)) return allFailed('the response is not an object')
  const failures = result.batchItemFailures
  if (failures === null || failures === undefined) return ALL_SUCCEEDED
  if (!Array.isArray(failures)) return allFailed('batchItemFailures is not a list')
  const failedIds = new Set<string>()
  for (const failure of failures) {
    const id = isObject(failure) ? failure.itemIdentifier : undefined
    if (typeof id !== 'string' || id === '') {
      return allFailed(`invalid itemIdentifier ${JSON.stringify(id ?? null)}`)
    }
    if (!messageIds.has(id)) return allFailed(`itemIdentifier ${id} is not a message of this batch`)
    failedIds.add(id)
  }
  return { kind: 'partial', failedIds }
}
