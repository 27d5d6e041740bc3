/**
 * The shape of a replay request (DESIGN.md, "Replay request"), as the Lambda console, `aws lambda
 * invoke` and `npm run replay` send it. Strict objects: a misspelt key (`filters`, `dry_run`) is
 * rejected by name instead of being silently ignored into a replay of everything.
 */
import * as z from 'zod'
import { STREAM_ID_PATTERN } from '../store/stream-id.ts'

/** Highest accepted rate: SNS's publish quota is 300–30,000 messages/s by region. */
export const MAX_RATE_PER_SECOND = 10_000
/** Default rate: under the lowest regional SNS quota, so a replay never starves live traffic. */
export const DEFAULT_RATE_PER_SECOND = 100
/** Stream ids per request: the spec is stored in the job item (400 KB). */
export const MAX_STREAM_IDS = 1000

const isoTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time like 2026-01-01T00:00:00Z',
})

const filterSchema = z.strictObject({
  streamIds: z
    .array(z.string().regex(STREAM_ID_PATTERN, `must be a stream id matching ${STREAM_ID_PATTERN.source}`))
    .min(1, 'must list at least one stream id (or be left out)')
    .max(MAX_STREAM_IDS, `at most ${MAX_STREAM_IDS} stream ids per replay`)
    .optional(),
  types: z.array(z.string().min(1)).min(1, 'must list at least one type (or be left out)').optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
})

const targetSchema = z.strictObject({
  consumer: z.string().min(1).optional(),
  topic: z.string().min(1).optional(),
})

/** The raw request; cross-field rules are checked in `request.ts`. */
export const replayRequestSchema = z.strictObject({
  target: targetSchema.optional(),
  filter: filterSchema.optional(),
  dryRun: z.boolean().optional(),
  ratePerSecond: z.number().positive().max(MAX_RATE_PER_SECOND).optional(),
  reprocess: z.boolean().optional(),
  jobId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
    .optional(),
  cancel: z.boolean().optional(),
  /** Set by the function on its own continuation invocations; operators leave it out. */
  continuationToken: z.string().min(1).optional(),
})

export type RawReplayRequest = z.output<typeof replayRequestSchema>
