/**
 * In-memory adapters of the consumer ports, for fast tests of consumers and of the middleware's
 * logic without engines. Same semantics as the AWS adapters, minus expiry of completed records.
 */
import type { SQSRecord } from 'aws-lambda'
import type { DeadLetterChannel, PoisonFailure } from './dead-letter.ts'
import { ClaimOutcome, type DedupKey, type DedupStore } from './dedup-store.ts'
import { dedupKey } from './dedup-table-schema.ts'
import { EventInProgressError } from './errors.ts'

/** {@link DedupStore} in a Map. */
export class InMemoryDedupStore implements DedupStore {
  readonly records = new Map<string, { status: 'INPROGRESS' | 'COMPLETED'; inProgressUntilMs?: number }>()
  readonly #now: () => number

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now
  }

  async claim(key: DedupKey, inProgressUntilMs: number): Promise<ClaimOutcome> {
    const id = dedupKey(key.consumer, key.eventId)
    const current = this.records.get(id)
    if (current?.status === 'COMPLETED') return ClaimOutcome.Duplicate
    if (current && (current.inProgressUntilMs ?? 0) >= this.#now()) {
      throw new EventInProgressError(key.consumer, key.eventId)
    }
    this.records.set(id, { status: 'INPROGRESS', inProgressUntilMs })
    return ClaimOutcome.Claimed
  }

  async complete(key: DedupKey): Promise<void> {
    this.records.set(dedupKey(key.consumer, key.eventId), { status: 'COMPLETED' })
  }

  async release(key: DedupKey): Promise<void> {
    this.records.delete(dedupKey(key.consumer, key.eventId))
  }
}

/** {@link DeadLetterChannel} collecting what it is sent. */
export class InMemoryDeadLetterChannel implements DeadLetterChannel {
  readonly sent: { record: SQSRecord; failure: PoisonFailure }[] = []

  async send(record: SQSRecord, failure: PoisonFailure): Promise<void> {
    this.sent.push({ record, failure })
  }
}
