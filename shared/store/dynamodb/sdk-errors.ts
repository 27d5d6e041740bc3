/**
 * Translation of DynamoDB SDK errors into what the adapter acts on. Everything that is not a
 * condition or contention outcome becomes an {@link EventStoreError} with the SDK error as cause.
 */
import { EventStoreError } from '../../errors.ts'

/** Why one action of a cancelled transaction failed, as DynamoDB reports it (`None` = it did not). */
export type CancellationCode = 'None' | 'ConditionalCheckFailed' | 'TransactionConflict' | (string & {})

/** A write's failure, classified. `reasons` follows the order of the transaction's actions, if known. */
export type WriteFailure = { kind: 'conditionFailed'; reasons?: CancellationCode[] } | { kind: 'contention' }

/** Classifies an SDK error from PutItem/TransactWriteItems; rethrows anything else as EventStoreError. */
export function classifyWriteError(error: unknown): WriteFailure {
  const name = (error as { name?: string } | undefined)?.name
  if (name === 'ConditionalCheckFailedException') return { kind: 'conditionFailed' }
  // A PutItem racing an in-flight transaction on the same item.
  if (name === 'TransactionConflictException') return { kind: 'contention' }
  if (name === 'TransactionCanceledException') {
    const raw = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons
    const reasons = raw?.map((r) => r.Code ?? 'None')
    if (reasons?.some((c) => c === 'ConditionalCheckFailed')) return { kind: 'conditionFailed', reasons }
    if (reasons === undefined || reasons.some((c) => c === 'TransactionConflict')) {
      // Some engines omit reasons; the caller re-reads state to find out what happened.
      return reasons === undefined ? { kind: 'conditionFailed' } : { kind: 'contention' }
    }
  }
  throw storeError(error)
}

/** Wraps an unexpected SDK error. */
export function storeError(error: unknown): EventStoreError {
  const name = (error as { name?: string } | undefined)?.name ?? 'Error'
  if (error instanceof EventStoreError) return error
  return new EventStoreError(`DynamoDB request failed: ${name}`, { cause: error })
}
