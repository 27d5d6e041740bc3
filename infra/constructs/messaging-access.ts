/**
 * Least-privilege grants on queues and topics. CDK's `grantSendMessages` and `grantPublish` add
 * `kms:ReEncrypt*` and `kms:GenerateDataKey*` (wildcards nag rejects, IAM5) and actions nobody here
 * calls (GetQueueUrl, GetQueueAttributes); these list exactly what SQS and SNS check.
 */
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam'
import type { IKey } from 'aws-cdk-lib/aws-kms'
import type { ITopic } from 'aws-cdk-lib/aws-sns'
import type { IQueue } from 'aws-cdk-lib/aws-sqs'

/**
 * KMS actions a producer needs on the key of an encrypted queue or topic: SQS and SNS generate a
 * data key for each message (cached per `dataKeyReuse`) and decrypt it when reused.
 */
export const ProducerKeyActions = ['kms:GenerateDataKey', 'kms:Decrypt'] as const

/** Lets `grantee` send to `queues` (SendMessageBatch is authorized as SendMessage), and use their keys. */
export function grantSendTo(grantee: IGrantable, queues: readonly IQueue[]): void {
  if (queues.length === 0) return
  Grant.addToPrincipal({ grantee, actions: ['sqs:SendMessage'], resourceArns: queues.map((q) => q.queueArn) })
  for (const key of keysOf(queues.map((q) => q.encryptionMasterKey)))
    key.grant(grantee, ...ProducerKeyActions)
}

/** Lets `grantee` publish to `topics` (PublishBatch is authorized as Publish), and use their keys. */
export function grantPublishTo(grantee: IGrantable, topics: readonly ITopic[]): void {
  if (topics.length === 0) return
  Grant.addToPrincipal({ grantee, actions: ['sns:Publish'], resourceArns: topics.map((t) => t.topicArn) })
  for (const key of keysOf(topics.map((t) => t.masterKey))) key.grant(grantee, ...ProducerKeyActions)
}

// One grant per key, however many queues or topics share it.
function keysOf(keys: readonly (IKey | undefined)[]): IKey[] {
  return [...new Set(keys.filter((k): k is IKey => k !== undefined))]
}
