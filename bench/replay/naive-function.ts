/**
 * Bench-only Lambda function: the naive replay the replay function is measured against. For each
 * event, in sequence: read it (GetItem), send it to the queue (SendMessage). No batching, nothing in
 * flight but one call. Its clients are configured from its environment, as our functions' are.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { documentClient } from '../../shared/clients/dynamodb.ts'
import { sqsClient } from '../../shared/clients/sqs.ts'
import { loadEventStoreConfig } from '../../shared/config.ts'
import { toCloudEvent } from '../../shared/events/envelope.ts'
import { fromEventItem } from '../../shared/store/dynamodb/items.ts'
import { EventsTableSchema } from '../../shared/store/table-schema.ts'

/** The naive replay's request: the events to re-send, by key, and the queue to send them to. */
export interface NaiveReplayRequest {
  keys: { streamId: string; version: number }[]
  queueUrl: string
}

/** A seeded event was not found: the bench's seeding and the function disagree. */
export class NaiveReplayEventMissingError extends Error {
  constructor(streamId: string, version: number) {
    super(`event ${streamId}/${version} not found`)
    this.name = 'NaiveReplayEventMissingError'
  }
}

// Read at init, as our functions do: a missing variable fails the cold start, naming it.
const config = loadEventStoreConfig()
const db = documentClient(config)
const sqs = sqsClient(config)

/** Re-sends each event of the request, one GetItem and one SendMessage at a time; returns the count sent. */
export async function handler(request: NaiveReplayRequest): Promise<{ sent: number }> {
  let sent = 0
  for (const key of request.keys) {
    const { Item } = await db.send(
      new GetCommand({
        TableName: config.eventsTableName,
        Key: { [EventsTableSchema.partitionKey]: key.streamId, [EventsTableSchema.sortKey]: key.version },
      }),
    )
    if (Item === undefined) throw new NaiveReplayEventMissingError(key.streamId, key.version)
    const envelope = toCloudEvent(fromEventItem(Item), { source: config.eventSource, replay: true })
    await sqs.send(
      new SendMessageCommand({ QueueUrl: request.queueUrl, MessageBody: JSON.stringify(envelope) }),
    )
    sent += 1
  }
  return { sent }
}
