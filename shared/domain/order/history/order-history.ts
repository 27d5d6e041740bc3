/**
 * The order history projection, pure: the DynamoDB writes that append one line to an order's history.
 * The head's condition refuses a line older than the last one written: delivered out of order, the
 * write fails and the event is retried, then dead-lettered with the reason, instead of silently
 * rewriting history. Only a FIFO queue (message group = stream) makes that never happen.
 */
import type { CloudEvent } from '../../../events/envelope.ts'
import { sequenceToVersion } from '../../../events/envelope.ts'
import type { EventData } from '../../../events/event-type.ts'
import type { OrderNoteAdded } from '../order-note-added.ts'
import { OrderHistoryTableSchema } from './table-schema.ts'

const { partitionKey, sortKey } = OrderHistoryTableSchema

/** One line of an order's history. */
export interface HistoryLine {
  orderId: string
  /** Stream version of the event that wrote it. */
  version: number
  eventId: string
  author: string
  text: string
  /** Event time (ISO 8601). */
  time: string
}

/** The head item of an order's history. */
export interface HistoryHead {
  lastVersion: number
  lines: number
}

export const historyPk = (orderId: string) => `order#${orderId}`
export const HEAD_SK = 'head'
export const lineSk = (sequence: string) => `line#${sequence}`

/** The line an OrderNoteAdded event writes. */
export function historyLine(event: CloudEvent<EventData<typeof OrderNoteAdded>>): HistoryLine {
  return {
    orderId: event.data.orderId,
    version: sequenceToVersion(event.sequence),
    eventId: event.id,
    author: event.data.author,
    text: event.data.text,
    time: event.time,
  }
}

/** Put of the line and conditional update of the head, to commit in one transaction. */
export function appendLineWrites(tableName: string, line: HistoryLine, sequence: string) {
  return [
    {
      Put: {
        TableName: tableName,
        Item: { [partitionKey]: historyPk(line.orderId), [sortKey]: lineSk(sequence), ...line },
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: { [partitionKey]: historyPk(line.orderId), [sortKey]: HEAD_SK },
        UpdateExpression: 'SET #last = :version ADD #lines :one',
        ConditionExpression: 'attribute_not_exists(#last) OR #last < :version',
        ExpressionAttributeNames: { '#last': 'lastVersion', '#lines': 'lines' },
        ExpressionAttributeValues: { ':version': line.version, ':one': 1 },
      },
    },
  ]
}
