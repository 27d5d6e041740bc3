/**
 * The SNS topic alarms notify, encrypted with its own key. CloudWatch publishes as a service, so both
 * the topic policy and the key policy must let `cloudwatch.amazonaws.com` in; they do so only for
 * alarms of this account and region (the confused-deputy conditions CloudWatch sends).
 */
import { ArnFormat, Stack } from 'aws-cdk-lib'
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Key } from 'aws-cdk-lib/aws-kms'
import { Topic } from 'aws-cdk-lib/aws-sns'
import { Construct } from 'constructs'
import { keyDefaults } from '../defaults/kms-defaults.ts'
import { topicDefaults } from '../defaults/sns-defaults.ts'

/** Alarm topic + key. Subscribe an email, chat or paging endpoint to {@link AlarmTopic.topic}. */
export class AlarmTopic extends Construct {
  readonly encryptionKey: Key
  readonly topic: Topic

  constructor(scope: Construct, id: string) {
    super(scope, id)
    this.encryptionKey = new Key(this, 'Key', { ...keyDefaults, description: 'Encrypts the alarm topic' })
    this.topic = new Topic(this, 'Topic', {
      ...topicDefaults,
      displayName: 'Event Backbone alarms',
      masterKey: this.encryptionKey,
    })
    const cloudwatch = new ServicePrincipal('cloudwatch.amazonaws.com')
    const conditions = alarmsOfThisAccount(this)
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions,
      }),
    )
    // The actions AWS documents for CloudWatch publishing to an encrypted topic.
    this.encryptionKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }),
    )
  }
}

function alarmsOfThisAccount(scope: Construct): Record<string, Record<string, string>> {
  const stack = Stack.of(scope)
  const alarms = stack.formatArn({
    service: 'cloudwatch',
    resource: 'alarm',
    resourceName: '*',
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  })
  return { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': alarms } }
}
