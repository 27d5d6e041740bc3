import type { OutboundEnvelope } from './ports.ts'

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

/** FIFO ids: one message group per stream keeps a stream in version order; the event id deduplicates. */
export function fifoIds(envelope: OutboundEnvelope): {
  MessageGroupId: string
  MessageDeduplicationId: string
} {
  return { MessageGroupId: envelope.subject, MessageDeduplicationId: envelope.id }
}
