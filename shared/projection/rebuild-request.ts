/**
 * A projection request, as the replay function receives it (console test event, `aws lambda invoke`,
 * `npm run rebuild`): `{ "projection": "<name>" }` starts a rebuild; with `"status": true` it answers
 * the state; `"activate": N` switches readers to version N (or back); `"remove": N` stops maintaining
 * version N. Strict: a misspelt key is refused by name.
 */
import * as z from 'zod/mini'
import '../zod-locale.ts'
import { MAX_RATE_PER_SECOND } from '../replay/request-schema.ts'
import { ProjectionRequestError } from './errors.ts'

const version = z.number().check(z.int(), z.positive())

const schema = z.strictObject({
  projection: z.string().check(z.minLength(1)),
  status: z.optional(z.literal(true)),
  activate: z.optional(version),
  remove: z.optional(version),
  ratePerSecond: z.optional(z.number().check(z.positive(), z.maximum(MAX_RATE_PER_SECOND))),
})

/** What a projection request asks. */
export type ProjectionCommand =
  | { kind: 'rebuild'; projection: string; ratePerSecond?: number }
  | { kind: 'status'; projection: string }
  | { kind: 'activate'; projection: string; version: number }
  | { kind: 'remove'; projection: string; version: number }

/** Whether `input` is a projection request rather than a replay request. */
export const isProjectionRequest = (input: unknown): boolean =>
  typeof input === 'object' && input !== null && Object.hasOwn(input, 'projection')

/** Parses a projection request; throws {@link ProjectionRequestError} naming the field. */
export function parseProjectionRequest(input: unknown): ProjectionCommand {
  const parsed = z.safeParse(schema, input)
  const issue = parsed.error?.issues[0]
  if (issue !== undefined) {
    // As the replay request reports it: a misspelt key by its name.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
    const path = [...issue.path, ...keys.slice(0, 1)].map(String).join('.') || '(request)'
    throw new ProjectionRequestError(
      path,
      issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
    )
  }
  if (!parsed.success) throw new ProjectionRequestError('(request)', 'invalid')
  const { projection, status, activate, remove, ratePerSecond } = parsed.data
  const asked = [status, activate, remove].filter((v) => v !== undefined).length
  if (asked > 1) throw new ProjectionRequestError('status', 'give at most one of status, activate and remove')
  if (status) return { kind: 'status', projection }
  if (activate !== undefined) return { kind: 'activate', projection, version: activate }
  if (remove !== undefined) return { kind: 'remove', projection, version: remove }
  return { kind: 'rebuild', projection, ...(ratePerSecond === undefined ? {} : { ratePerSecond }) }
}
