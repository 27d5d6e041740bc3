/**
 * A client that does not give up while the backbone restarts: each publish carries its own
 * Idempotency-Key and the stream version it expects, and is sent again with both until the API
 * answers 201 (first answer or idempotent replay) or 409. The typed client already retries network
 * errors and 5xx a few times; this keeps going across a restart that outlasts those attempts.
 */
import { randomUUID } from 'node:crypto'
import type { DomainEvents } from '../../functions/domain.ts'
import { createBackboneClient, type PublishEvent } from '../../shared/client/backbone-client.ts'
import {
  BackboneUnreachableError,
  ProblemError,
  StreamVersionConflictError,
} from '../../shared/client/errors.ts'
import { isRetryable } from '../../shared/client/retry.ts'

/** How one publish ended. */
export type PersistentOutcome =
  | { kind: 'acknowledged'; id: string; version: number; replayed: boolean; attempts: number }
  | { kind: 'conflict'; expected: number; attempts: number }

/** Thrown when the API stayed unreachable or failing past the deadline. */
export class GaveUpError extends Error {
  constructor(streamId: string, options?: ErrorOptions) {
    super(`gave up publishing to ${streamId}`, options)
    this.name = 'GaveUpError'
  }
}

export function persistentPublisher(url: string, deadlineMs: number) {
  const client = createBackboneClient<DomainEvents>({ url, attempts: 4, backoffBaseMs: 100 })
  return async function publish(
    streamId: string,
    event: PublishEvent<DomainEvents>,
    expectedVersion: number,
  ): Promise<PersistentOutcome> {
    const idempotencyKey = randomUUID()
    const giveUpAt = Date.now() + deadlineMs
    for (let attempts = 1; ; attempts++) {
      try {
        const result = await client.publish(streamId, [event], { expectedVersion, idempotencyKey })
        const [stored] = result.events
        if (stored === undefined) throw new Error(`201 without events for ${streamId}`)
        return {
          kind: 'acknowledged',
          id: stored.id,
          version: stored.version,
          replayed: result.replayed,
          attempts,
        }
      } catch (error) {
        if (error instanceof StreamVersionConflictError)
          return { kind: 'conflict', expected: expectedVersion, attempts }
        const transient =
          error instanceof BackboneUnreachableError ||
          (error instanceof ProblemError && isRetryable(error.status))
        if (!transient) throw error
        if (Date.now() > giveUpAt) throw new GaveUpError(streamId, { cause: error })
      }
    }
  }
}
