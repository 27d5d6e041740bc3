import * as z from 'zod/mini'
import type { EventRegistry } from '../../events/registry.ts'
import { EVENT_ID_PATTERN, EVENT_ID_RULE } from '../../store/rules.ts'

/** Metadata keys: short and plain, so they are safe as DynamoDB map keys and CloudEvents-like names. */
const METADATA_KEY = /^[A-Za-z0-9_.-]{1,64}$/

/**
 * The body of `POST /streams/{streamId}/events`. Unknown keys are refused (a misspelt
 * `expectedversion` must not silently disable the concurrency check). Event data is validated
 * against the newest schema of its type by the store, which names paths `events[i].data.…`.
 */
export const publishBodySchema = (registry: Pick<EventRegistry, 'has'>) =>
  z.strictObject({
    events: z
      .array(
        z.strictObject({
          type: z.string().check(z.refine((type) => registry.has(type), 'unknown event type')),
          data: z.unknown(),
          id: z.optional(z.string().check(z.regex(EVENT_ID_PATTERN, EVENT_ID_RULE))),
          metadata: z.optional(
            z.record(
              z.string().check(z.regex(METADATA_KEY, `keys must match ${METADATA_KEY.source}`)),
              z.string(),
            ),
          ),
        }),
      )
      .check(z.minLength(1, 'must contain at least one event')),
    expectedVersion: z.optional(z.number().check(z.int(), z.minimum(0))),
  })

/** A validated publish body. */
export type PublishBody = z.output<ReturnType<typeof publishBodySchema>>
