/**
 * SQS records of order events as a queue subscribed without raw message delivery receives them: the
 * body is the SNS notification, the CloudEvents envelope its `Message`, the filter attributes its
 * `MessageAttributes`. Both consumers of the peers part read these same records.
 */
import { randomUUID } from 'node:crypto'
import type { SQSRecord } from 'aws-lambda'
import { orderRecords } from '../lib/order-events.ts'

const SNS = 'https://sns.us-east-1.amazonaws.com'

/** Wraps one raw-delivery record's body and attributes in an SNS notification. */
export function snsWrapped(record: SQSRecord, topicArn: string): SQSRecord {
  const attributes = Object.fromEntries(
    Object.entries(record.messageAttributes).map(([name, a]) => [
      name,
      { Type: a.dataType, Value: a.stringValue ?? '' },
    ]),
  )
  const notification = {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Message: record.body,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: 'EXAMPLE',
    SigningCertURL: `${SNS}/SimpleNotificationService-0000000000000000000000.pem`,
    UnsubscribeURL: `${SNS}/?Action=Unsubscribe&SubscriptionArn=${topicArn}:${randomUUID()}`,
    MessageAttributes: attributes,
  }
  return { ...record, body: JSON.stringify(notification), messageAttributes: {} }
}

/** `count` fresh order events, SNS-wrapped, as `queueArn` receives them from `topicArn`. */
export function snsWrappedOrderRecords(count: number, queueArn: string, topicArn: string): SQSRecord[] {
  return orderRecords(count, queueArn).map((r) => snsWrapped(r, topicArn))
}
