import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type { SQSRecord } from 'aws-lambda'
import type { DeadLetterChannel, PoisonFailure } from '../dead-letter.ts'
import { DeadLetterError } from '../errors.ts'

/** Names of the attributes added to a dead-lettered message. */
export const FailureAttribute = {
  type: 'failure-type',
  reason: 'failure-reason',
} as const

/** SQS accepts at most 10 message attributes; two are ours. */
const MAX_ORIGINAL_ATTRIBUTES = 8
/** Keeps the reason readable in the console and well inside the message size limit. */
const MAX_REASON_CHARS = 1024

/** SQS adapter of {@link DeadLetterChannel}: SendMessage with the original body and attributes. */
export class SqsDeadLetterChannel implements DeadLetterChannel {
  readonly #client: SQSClient
  readonly #queueUrl: string

  constructor(options: { client: SQSClient; queueUrl: string }) {
    this.#client = options.client
    this.#queueUrl = options.queueUrl
  }

  async send(record: SQSRecord, failure: PoisonFailure): Promise<void> {
    const groupId = record.attributes.MessageGroupId
    try {
      await this.#client.send(
        new SendMessageCommand({
          QueueUrl: this.#queueUrl,
          MessageBody: record.body,
          MessageAttributes: {
            ...originalAttributes(record),
            [FailureAttribute.type]: { DataType: 'String', StringValue: failure.failureType },
            [FailureAttribute.reason]: {
              DataType: 'String',
              StringValue: failure.reason.slice(0, MAX_REASON_CHARS),
            },
          },
          // A FIFO queue's DLQ must be FIFO too: keep the group, and dedupe a resend by message id.
          ...(groupId === undefined
            ? {}
            : { MessageGroupId: groupId, MessageDeduplicationId: record.messageId }),
        }),
      )
    } catch (error) {
      throw new DeadLetterError(`Cannot send message ${record.messageId} to the DLQ`, { cause: error })
    }
  }
}

/** The record's attributes in SDK form (Lambda gives binary values base64-encoded, lists unsupported). */
function originalAttributes(record: SQSRecord): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {}
  for (const [name, a] of Object.entries(record.messageAttributes ?? {})) {
    if (Object.keys(out).length === MAX_ORIGINAL_ATTRIBUTES) break
    if (name === FailureAttribute.type || name === FailureAttribute.reason) continue
    if (a.stringValue !== undefined) out[name] = { DataType: a.dataType, StringValue: a.stringValue }
    else if (a.binaryValue !== undefined) {
      out[name] = { DataType: a.dataType, BinaryValue: Buffer.from(a.binaryValue, 'base64') }
    }
  }
  return out
}
