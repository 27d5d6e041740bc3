/**
 * Validation of read requests, done once by the `EventStore` so the storage adapters receive only
 * valid, canonical ranges.
 */
import { ValidationError } from '../errors.ts'
import type { TimeRange, VersionRange } from './event-storage.ts'
import { assertValidStreamId } from './rules.ts'
import { MAX_READ_LIMIT, type ReadAllOptions, type ReadStreamOptions } from './types.ts'

/** Validates a page size (default and maximum {@link MAX_READ_LIMIT}). */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_READ_LIMIT
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError('Invalid limit', [{ path: 'limit', message: 'must be a positive integer' }])
  }
  return Math.min(limit, MAX_READ_LIMIT)
}

/** Validates a version bound (a positive integer) or returns the default. */
export function versionBound(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 0) {
    throw new ValidationError(`Invalid ${name}`, [{ path: name, message: 'must be a non-negative integer' }])
  }
  return value
}

/** Parses an ISO-8601 bound into the store's canonical form (`Date#toISOString`). */
export function timeBound(name: string, value: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) {
    throw new ValidationError(`Invalid ${name}`, [{ path: name, message: 'must be an ISO-8601 date-time' }])
  }
  return new Date(ms).toISOString()
}

/** The version range of a `readStream` call, or undefined when it is empty (`toVersion` < `fromVersion`). */
export function versionRange(streamId: string, opts: ReadStreamOptions): VersionRange | undefined {
  assertValidStreamId(streamId)
  const limit = pageLimit(opts.limit)
  const from = Math.max(1, versionBound('fromVersion', opts.fromVersion, 1))
  const to = versionBound('toVersion', opts.toVersion, Number.MAX_SAFE_INTEGER)
  return to < from ? undefined : { from, to, limit }
}

/** The time range of a `readAll` call. */
export function timeRange(opts: ReadAllOptions): TimeRange {
  return {
    from: opts.from === undefined ? undefined : timeBound('from', opts.from),
    to: timeBound('to', opts.to),
    types: opts.types?.length ? opts.types : undefined,
    cursor: opts.cursor,
    limit: pageLimit(opts.limit),
  }
}
