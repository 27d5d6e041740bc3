/**
 * Checks a function definition against Lambda's own limits at registration, so a definition that
 * `cdk deploy` would reject fails locally too, and early.
 */
import { isAbsolute } from 'node:path'
import { InvalidFunctionDefinitionError } from './errors.ts'
import type { FunctionDefinition } from './types.ts'

// Lambda: names up to 64 characters of letters, digits, hyphens and underscores.
const NAME = /^[a-zA-Z0-9_-]{1,64}$/

function check(problems: string[], ok: boolean, problem: string): void {
  if (!ok) problems.push(problem)
}

function inRange(value: number | undefined, min: number, max: number): boolean {
  return value === undefined || (Number.isFinite(value) && value >= min && value <= max)
}

/** Throws one InvalidFunctionDefinitionError listing every problem of the definition. */
export function validateDefinition(definition: FunctionDefinition): void {
  const problems: string[] = []
  check(problems, NAME.test(definition.name), 'name must be 1-64 letters, digits, hyphens or underscores')
  check(problems, isAbsolute(definition.entry), 'entry must be an absolute path')
  check(problems, inRange(definition.timeoutSeconds, 1, 900), 'timeoutSeconds must be between 1 and 900')
  check(problems, inRange(definition.memoryMb, 128, 10_240), 'memoryMb must be between 128 and 10240')
  const concurrency = definition.concurrency
  check(
    problems,
    concurrency === undefined || (Number.isInteger(concurrency) && concurrency >= 1),
    'concurrency must be a positive integer',
  )
  if (problems.length > 0) {
    throw new InvalidFunctionDefinitionError(`Invalid function ${definition.name}: ${problems.join('; ')}`)
  }
}
