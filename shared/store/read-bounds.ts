import { ValidationError } from '../errors.ts'
import { MAX_READ_LIMIT } from './event-store.ts'

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
