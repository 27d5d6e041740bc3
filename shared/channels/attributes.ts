import { createHash } from 'node:crypto'
import type { OutboundEnvelope, SendOptions } from './ports.ts'

/** A message attribute as both SNS and SQS take it. */
export interface StringAttribute {
  DataType: 'String' | 'Number'
  StringValue: string
}

/**
 * The message attributes subscription filter policies match on (`type`, `subject`, `schemaversion`,
 * `replay`, and `reprocess` when set). SNS copies them to SQS with raw message delivery.
 */
export function messageAttributes(envelope: OutboundEnvelope): Record<string, StringAttribute> {
  const attributes: Record<string, StringAttribute> = {
    type: { DataType: 'String', StringValue: envelope.type },
    subject: { DataType: 'String', StringValue: envelope.subject },
    // Number, so a filter policy can use numeric matching (`{ schemaversion: [{ numeric: ['>=', 2] }] }`).
    schemaversion: { DataType: 'Number', StringValue: String(envelope.schemaversion) },
    replay: { DataType: 'String', StringValue: envelope.replay === true ? 'true' : 'false' },
  }
  if (envelope.reprocess !== undefined) {
    attributes.reprocess = { DataType: 'String', StringValue: envelope.reprocess ? 'true' : 'false' }
  }
  return attributes
}

/** Bytes a message counts against the 256 KiB limits: body plus each attribute's name, type and value. */
export function messageSize(body: string, attributes: Record<string, StringAttribute>): number {
  let size = Buffer.byteLength(body, 'utf8')
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8')
    size += Buffer.byteLength(value.DataType, 'utf8')
    size += Buffer.byteLength(value.StringValue, 'utf8')
  }
  return size
}

/** FIFO topics and queues are the ones whose ARN or URL ends in `.fifo` (an AWS naming rule). */
export const isFifo = (arnOrUrl: string): boolean => arnOrUrl.endsWith('.fifo')

/**
 * FIFO ids: one message group per stream keeps a stream in version order; the event id deduplicates,
 * within `scope` when one is given (see {@link SendOptions.deduplicationScope}). A scoped id is a
 * SHA-256 in hex: 64 characters, within AWS's 128 whatever the lengths of the scope and event id.
 */
export function fifoIds(
  envelope: OutboundEnvelope,
  scope?: string,
): {
  MessageGroupId: string
  MessageDeduplicationId: string
} {
  const deduplicationId =
    scope === undefined ? envelope.id : createHash('sha256').update(`${scope}\n${envelope.id}`).digest('hex')
  return { MessageGroupId: envelope.subject, MessageDeduplicationId: deduplicationId }
}
