import * as z from 'zod/mini'
import { InvalidRedriveRequestError, UnknownConsumerError } from './errors.ts'
import type { ConsumerQueues } from './types.ts'
import '../zod-locale.ts'

const requestSchema = z.object({ consumer: z.string().check(z.minLength(1)) })

/** A redrive request, `{ "consumer": "<name>" }` (the console test event). */
export type RedriveRequest = z.output<typeof requestSchema>

/** Validates the request (throws {@link InvalidRedriveRequestError}). */
export function parseRedriveRequest(input: unknown): RedriveRequest {
  const parsed = requestSchema.safeParse(input)
  if (!parsed.success) {
    throw new InvalidRedriveRequestError('expected { "consumer": "<name>" }', { cause: parsed.error })
  }
  return parsed.data
}

/** The queues of a consumer (throws {@link UnknownConsumerError} naming it and the known ones). */
export function queuesOf(byName: Record<string, ConsumerQueues>, consumer: string): ConsumerQueues {
  // Own properties only: a name like "constructor" must not resolve to something on the prototype.
  const queues = Object.hasOwn(byName, consumer) ? byName[consumer] : undefined
  if (!queues) throw new UnknownConsumerError(consumer, Object.keys(byName))
  return queues
}
