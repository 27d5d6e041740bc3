import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'
import { fromEventItem, isStoreItem } from '../store/dynamodb/items.ts'
import { MalformedEventItemError } from '../store/errors.ts'
import type { StoredEvent } from '../store/event-store.ts'
import { MalformedStreamRecordError } from './errors.ts'

/** A stream record, classified: an event to relay, or something the relay ignores. */
export type ClassifiedRecord =
  | { kind: 'event'; sequenceNumber: string; event: StoredEvent }
  | { kind: 'skip'; reason: 'not-insert' | 'guard' }

/**
 * Classifies one DynamoDB stream record of the events table. Only INSERTs are new events: events are
 * immutable, so MODIFY/REMOVE come from guards or TTL deletes. The store's own items (idempotency
 * guards, written in the same transaction as the events) are skipped. The image is decoded by the
 * store's item codec, the same one its reads use.
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
  if (isStoreItem(item)) return { kind: 'skip', reason: 'guard' }
  try {
    return { kind: 'event', sequenceNumber, event: fromEventItem(item) }
  } catch (cause) {
    if (!(cause instanceof MalformedEventItemError)) throw cause
    throw new MalformedStreamRecordError(sequenceNumber, cause.message, { cause })
  }
}
