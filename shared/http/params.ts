import * as z from 'zod/mini'
import { STREAM_ID_PATTERN, STREAM_ID_RULE } from '../store/rules.ts'

/** The `{streamId}` path parameter (the store's own pattern, so the edge and the store agree). */
export const streamIdPath = z.object({
  streamId: z.string().check(z.regex(STREAM_ID_PATTERN, STREAM_ID_RULE)),
})

/** A query parameter holding a positive integer (versions and page sizes); absent is allowed. */
export const positiveIntQuery = (max = Number.MAX_SAFE_INTEGER) =>
  z.optional(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^[0-9]{1,16}$/, 'must be a positive integer')), z.transform(Number)),
      z
        .number()
        .check(z.int(), z.minimum(1, 'must be a positive integer'), z.maximum(max, `must be at most ${max}`)),
    ),
  )
