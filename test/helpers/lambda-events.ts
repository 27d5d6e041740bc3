/**
 * What Lambda hands a consumer, for tests that call handlers directly: a context and SQS records in
 * the shape of AWS's own sample (test/fixtures/aws-events/sqs-base.json).
 */
import type { Context, SQSMessageAttributes, SQSRecord } from 'aws-lambda'
import { loadAwsEvent } from './aws-events.ts'

/** A context for one invocation of `functionName` with 30 s left. */
export function testContext(functionName: string): Context {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'request-1',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }
}

const sample = loadAwsEvent<{ Records: [SQSRecord] }>('sqs-base.json').Records[0]
let seq = 0

/** Options of {@link sqsRecord}. */
export interface SqsRecordOptions {
  /** Default `msg-<n>`, unique in the process. */
  messageId?: string
  /** Queue name in the record's eventSourceARN. */
  queue: string
  /** FIFO: the record's message group (sequence number and deduplication id follow). */
  groupId?: string
  messageAttributes?: SQSMessageAttributes
}

/** An SQS record carrying `body` (JSON-encoded unless a string), as the event source mapping builds it. */
export function sqsRecord(body: unknown, opts: SqsRecordOptions): SQSRecord {
  seq += 1
  const messageId = opts.messageId ?? `msg-${seq}`
  return {
    ...sample,
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ...sample.attributes,
      ...(opts.groupId
        ? { MessageGroupId: opts.groupId, SequenceNumber: '1', MessageDeduplicationId: messageId }
        : {}),
    },
    messageAttributes: opts.messageAttributes ?? {},
    md5OfBody: '',
    eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${opts.queue}`,
    awsRegion: 'us-east-1',
  }
}
