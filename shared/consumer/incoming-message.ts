/**
 * Reads an SQS record into the envelope candidate and its message attributes, whether the queue's
 * subscription uses raw message delivery (body = the envelope, attributes on the SQS message) or not
 * (body = an SNS notification whose `Message` is the envelope and whose `MessageAttributes` hold the
 * attributes). Written by hand: Powertools' parser has an SnsSqs envelope, but it is not a dependency
 * and would throw on the raw bodies our subscriptions actually deliver.
 */
import type { SQSRecord } from 'aws-lambda'
import { PoisonFailureType, PoisonMessageError } from './errors.ts'

/**
 * The message attributes the backbone sets. None is a property of `Object.prototype`, so they are
 * read with a plain property access (no `hasOwn` check) on the attribute maps.
 */
export type MessageAttributeName =
  | 'type'
  | 'subject'
  | 'schemaversion'
  | 'replay'
  | 'reprocess'
  /** Set only by a projection rebuild, which invokes the consumer itself (never through a queue). */
  | 'projectionversion'

/** An SQS record's payload, unwrapped. */
export interface IncomingMessage {
  /** The parsed JSON envelope candidate (not yet validated). */
  envelope: unknown
  /**
   * A String/Number message attribute by name (`type`, `subject`, `schemaversion`, `replay`, ...).
   * Looked up on demand rather than copied into an object per record: only replays read them.
   */
  attribute(name: MessageAttributeName): string | undefined
  /** Whether the body was an SNS notification (raw message delivery off). */
  snsWrapped: boolean
}

interface SnsNotification {
  Type: 'Notification'
  Message: string
  TopicArn: string
  MessageAttributes?: Record<string, { Type?: string; Value?: string }>
}

/** Unwraps a record; throws an `Unparseable` {@link PoisonMessageError} for a body that is not JSON. */
export function readIncomingMessage(record: SQSRecord): IncomingMessage {
  const body = parseJson(record.body, 'body')
  if (!isSnsNotification(body)) {
    return { envelope: body, attribute: (name) => sqsAttribute(record, name), snsWrapped: false }
  }
  return {
    envelope: parseJson(body.Message, 'body.Message'),
    attribute: (name) => snsAttribute(body, name),
    snsWrapped: true,
  }
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new PoisonMessageError(PoisonFailureType.Unparseable, `${field} is not valid JSON`, { cause })
  }
}

function isSnsNotification(body: unknown): body is SnsNotification {
  if (typeof body !== 'object' || body === null) return false
  const candidate = body as Partial<SnsNotification>
  return (
    candidate.Type === 'Notification' &&
    typeof candidate.Message === 'string' &&
    typeof candidate.TopicArn === 'string'
  )
}

function sqsAttribute(record: SQSRecord, name: MessageAttributeName): string | undefined {
  return record.messageAttributes?.[name]?.stringValue
}

function snsAttribute(notification: SnsNotification, name: MessageAttributeName): string | undefined {
  const attribute = notification.MessageAttributes?.[name]
  // Binary attributes arrive base64-encoded; only String and Number ones carry routing values.
  return attribute?.Type === 'Binary' ? undefined : attribute?.Value
}
