/**
 * Evaluates an SNS subscription filter policy (attribute scope) against message attributes, so a
 * replay to one consumer's queue sends only what that consumer's subscription would let through.
 * Without it, a targeted replay would put events the consumer has no handler for into its queue,
 * and they would land in its DLQ. Written by hand: SNS's matcher is not published as a library
 * (fauxqs keeps its own internal). Supports the operators declarations use: exact strings and
 * numbers, `prefix`, `suffix`, `equals-ignore-case`, `anything-but`, `exists`, `numeric`.
 * An operator it does not know matches, so an unknown policy never hides events from a consumer.
 */
import type { FilterPolicy } from '../topology/declaration.ts'

type Condition = unknown

/** Whether `attributes` (name → string value) pass `policy` (absent = everything passes). */
export function matchesFilterPolicy(
  policy: FilterPolicy | undefined,
  attributes: Record<string, string>,
): boolean {
  if (policy === undefined) return true
  return Object.entries(policy).every(([name, conditions]) =>
    conditions.some((condition) => matchesCondition(condition, attributes[name])),
  )
}

function matchesCondition(condition: Condition, value: string | undefined): boolean {
  if (typeof condition === 'string') return value === condition
  if (typeof condition === 'number') return value !== undefined && Number(value) === condition
  if (condition === null || typeof condition !== 'object') return false
  const [operator, operand] = Object.entries(condition)[0] ?? []
  if (operator === 'exists') return (value !== undefined) === operand
  if (value === undefined) return false
  switch (operator) {
    case 'prefix':
      return typeof operand === 'string' && value.startsWith(operand)
    case 'suffix':
      return typeof operand === 'string' && value.endsWith(operand)
    case 'equals-ignore-case':
      return typeof operand === 'string' && value.toLowerCase() === operand.toLowerCase()
    case 'anything-but':
      return !anyMatch(operand, value)
    case 'numeric':
      return Array.isArray(operand) && numericMatch(operand, Number(value))
    default:
      return true
  }
}

function anyMatch(operand: unknown, value: string): boolean {
  if (Array.isArray(operand)) return operand.some((o) => matchesCondition(o, value))
  return matchesCondition(operand, value)
}

const comparisons: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
}

function numericMatch(operand: unknown[], value: number): boolean {
  if (Number.isNaN(value)) return false
  for (let i = 0; i + 1 < operand.length; i += 2) {
    const compare = comparisons[String(operand[i])]
    if (!compare?.(value, Number(operand[i + 1]))) return false
  }
  return true
}
