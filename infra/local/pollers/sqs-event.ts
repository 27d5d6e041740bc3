import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs'
import type { SQSEvent, SQSMessageAttribute, SQSRecord, SQSRecordAttributes } from 'aws-lambda'
import { SqsMessageShapeError } from './sqs-errors.ts'

/** Where the records come from, as Lambda stamps it on each record. */
export interface SqsRecordSource {
  eventSourceARN: string
  awsRegion: string
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** SQS message attribute → Lambda record attribute: camelCase keys, binary as base64, list fields always present. */
function toRecordAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  return {
    ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
    ...(value.BinaryValue === undefined ? {} : { binaryValue: base64(value.BinaryValue) }),
    // AWS sends both list fields, empty, on every attribute (they are reserved and never filled).
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType ?? 'String',
  }
}

function toRecord(message: Message, source: SqsRecordSource): SQSRecord {
  const { MessageId, ReceiptHandle, Body, MD5OfBody } = message
  if (!MessageId || !ReceiptHandle || Body === undefined || !MD5OfBody) {
    throw new SqsMessageShapeError(`ReceiveMessage returned an incomplete message (${MessageId ?? 'no id'})`)
  }
  const messageAttributes: Record<string, SQSMessageAttribute> = {}
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = toRecordAttribute(value)
  }
  return {
    messageId: MessageId,
    receiptHandle: ReceiptHandle,
    body: Body,
    // Asked for with MessageSystemAttributeNames ['All']: the counts and timestamps, plus
    // SequenceNumber, MessageGroupId and MessageDeduplicationId on FIFO queues.
    attributes: (message.Attributes ?? {}) as unknown as SQSRecordAttributes,
    messageAttributes,
    md5OfBody: MD5OfBody,
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: source.eventSourceARN,
    awsRegion: source.awsRegion,
  }
}

/**
 * Builds the event Lambda's SQS event source mapping passes to the function, record for record in
 * receive order. Throws {@link SqsMessageShapeError} if a message lacks its id, handle, body or digest.
 */
export function toSqsEvent(messages: readonly Message[], source: SqsRecordSource): SQSEvent {
  return { Records: messages.map((message) => toRecord(message, source)) }
}
