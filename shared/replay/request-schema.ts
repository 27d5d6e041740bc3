/**
 * The shape of a replay request (DESIGN.md, "Replay request"), as the Lambda console, `aws lambda
 * invoke` and `npm run replay` send it. Strict objects: a misspelt key (`filters`, `dry_run`) is
 * rejected by name instead of being silently ignored into a replay of everything.
 */
import * as z from 'zod/mini'
import { STREAM_ID_PATTERN } from '../store/rules.ts'

/** Highest accepted rate: SNS's publish quota is 300–30,000 messages/s by region. */
export const MAX_RATE_PER_SECOND = 10_000
/** Default rate: under the lowest regional SNS quota, so a replay never starves live traffic. */
export const DEFAULT_RATE_PER_SECOND = 100
/** Stream ids per request: the spec is stored in the job item (400 KB). */
export const MAX_STREAM_IDS = 1000

/** An ISO-8601 date-time with an offset (never local time); consumer start times follow it too. */
export const isoTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time like 2026-01-01T00:00:00Z',
})

const filterSchema = z.strictObject({
  streamIds: z.optional(
    z
      .array(
        z
          .string()
          .check(z.regex(STREAM_ID_PATTERN, `must be a stream id matching ${STREAM_ID_PATTERN.source}`)),
      )
      .check(
        z.minLength(1, 'must list at least one stream id (or be left out)'),
        z.maxLength(MAX_STREAM_IDS, `at most ${MAX_STREAM_IDS} stream ids per replay`),
      ),
  ),
  types: z.optional(
    z
      .array(z.string().check(z.minLength(1)))
      .check(z.minLength(1, 'must list at least one type (or be left out)')),
  ),
  from: z.optional(isoTime),
  to: z.optional(isoTime),
})

const targetSchema = z.strictObject({
  consumer: z.optional(z.string().check(z.minLength(1))),
  topic: z.optional(z.string().check(z.minLength(1))),
})

/** The raw request; cross-field rules are checked in `request.ts`. */
export const replayRequestSchema = z.strictObject({
  target: z.optional(targetSchema),
  filter: z.optional(filterSchema),
  dryRun: z.optional(z.boolean()),
  ratePerSecond: z.optional(z.number().check(z.positive(), z.maximum(MAX_RATE_PER_SECOND))),
  reprocess: z.optional(z.boolean()),
  jobId: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')),
  ),
  cancel: z.optional(z.boolean()),
  /** Set by the function on its own continuation invocations; operators leave it out. */
  continuationToken: z.optional(z.string().check(z.minLength(1))),
})

export type RawReplayRequest = z.output<typeof replayRequestSchema>
