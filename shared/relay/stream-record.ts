import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'
import * as z from 'zod/mini'
import { fromEventItem } from '../store/dynamodb/items.ts'
import type { StoredEvent } from '../store/event-store.ts'
import { MalformedStreamRecordError } from './errors.ts'
import '../zod-locale.ts'

/** A stream record, classified: an event to relay, or something the relay ignores. */
export type ClassifiedRecord =
  | { kind: 'event'; sequenceNumber: string; event: StoredEvent }
  | { kind: 'skip'; reason: 'not-insert' | 'guard' }

// Checked before the store's own (unchecked) item mapping: a stream image is input from outside.
const eventItem = z.object({
  streamId: z.string().check(z.minLength(1)),
  version: z.number().check(z.int(), z.positive()),
  eventId: z.string().check(z.minLength(1)),
  type: z.string().check(z.minLength(1)),
  schemaVersion: z.number().check(z.int(), z.positive()),
  data: z.unknown(),
  metadata: z.optional(z.record(z.string(), z.string())),
  time: z.string().check(z.minLength(1)),
})

/**
 * Classifies one DynamoDB stream record of the events table. Only INSERTs are new events: events are
 * immutable, so MODIFY/REMOVE come from guards or TTL deletes. Items whose `streamId` starts with `_`
 * are idempotency guards written in the same transaction as the events.
 * Throws {@link MalformedStreamRecordError} for an INSERT that is neither a guard nor an event.
 */
export function classifyRecord(record: DynamoDBRecord): ClassifiedRecord {
  if (record.eventName !== 'INSERT') return { kind: 'skip', reason: 'not-insert' }
  const sequenceNumber = record.dynamodb?.SequenceNumber
  const image = record.dynamodb?.NewImage
  if (sequenceNumber === undefined) throw new MalformedStreamRecordError(undefined, 'no SequenceNumber')
  // NEW_IMAGE is the table's stream view; without it there is nothing to publish.
  if (image === undefined) throw new MalformedStreamRecordError(sequenceNumber, 'no NewImage')
  let item: Record<string, unknown>
  try {
    // aws-lambda's AttributeValue and the SDK's describe the same JSON; only their TS shapes differ.
    item = unmarshall(image as Record<string, AttributeValue>)
  } catch (cause) {
    throw new MalformedStreamRecordError(sequenceNumber, 'NewImage is not a DynamoDB item', { cause })
  }
  if (typeof item.streamId === 'string' && item.streamId.startsWith('_'))
    return { kind: 'skip', reason: 'guard' }
  const parsed = eventItem.safeParse(item)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ')
    throw new MalformedStreamRecordError(sequenceNumber, `invalid fields: ${fields}`, { cause: parsed.error })
  }
  return { kind: 'event', sequenceNumber, event: fromEventItem(item) }
}
