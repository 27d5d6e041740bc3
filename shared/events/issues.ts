import type * as z from 'zod/mini'
import type { ValidationIssue } from '../errors.ts'

/** Formats a zod issue path as JS notation under `root`: `['items', 0, 'quantity']` → `data.items[0].quantity`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** Turns a zod error into our field-level issues, paths rooted at `root`. */
export function toIssues(error: z.core.$ZodError, root: string): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(root, issue.path), message: issue.message }))
}
