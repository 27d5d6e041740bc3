/**
 * DynamoDB cannot hold every number JSON can: the document client refuses numbers beyond
 * ±Number.MAX_SAFE_INTEGER (they would lose precision), and DynamoDB itself rejects magnitudes below
 * 1e-130 ("Number underflow"). Such values are the client's mistake, so they are reported as
 * validation issues naming the field instead of failing the write with a 5xx.
 */
import type { ValidationIssue } from '../errors.ts'

/** Smallest non-zero magnitude DynamoDB stores. */
const MIN_MAGNITUDE = 1e-130

function numberProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number'
  const magnitude = Math.abs(value)
  if (magnitude > Number.MAX_SAFE_INTEGER)
    return `must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`
  if (magnitude !== 0 && magnitude < MIN_MAGNITUDE)
    return `must be 0 or at least ${MIN_MAGNITUDE} in magnitude`
  return undefined
}

/** Issues for every number under `value` that DynamoDB cannot store, with paths below `path`. */
export function unstorableNumbers(value: unknown, path: string): ValidationIssue[] {
  if (typeof value === 'number') {
    const problem = numberProblem(value)
    return problem === undefined ? [] : [{ path, message: problem }]
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableNumbers(item, `${path}[${i}]`))
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => unstorableNumbers(item, `${path}.${key}`))
  }
  return []
}
