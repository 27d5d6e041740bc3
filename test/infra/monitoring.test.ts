import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { backbone } from '../../functions/backbone.ts'
import { alarmThresholds } from '../../infra/defaults/cloudwatch-defaults.ts'

const { consumers } = backbone

import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  type CfnResourceJson,
  logicalIdOf,
  resourcesOfType,
  type StatementJson,
} from '../helpers/template-queries.ts'

describe('alarms and dashboard', () => {
  let synth: SynthesizedBackbone
  let alarms: CfnResourceJson[]
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
    alarms = Object.values(resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm'))
  })
  after(() => synth.dispose())

  /** The alarms on `metric` whose dimensions name the resource `logicalId`. */
  function alarmsOn(metric: string, logicalId: string): CfnResourceJson[] {
    return alarms.filter(
      (a) =>
        a.Properties.MetricName === metric &&
        JSON.stringify(a.Properties.Dimensions).includes(`"${logicalId}"`),
    )
  }

  /** Asserts one alarm on `metric` of `logicalId`, with the statistic, threshold and a "greater than" test. */
  function assertAlarm(metric: string, logicalId: string, statistic: string, threshold: number): void {
    const found = alarmsOn(metric, logicalId)
    assert.equal(found.length, 1, `${metric} on ${logicalId}`)
    const props = found[0]?.Properties ?? {}
    assert.equal(props.Statistic, statistic, metric)
    assert.equal(props.Threshold, threshold, metric)
    assert.equal(props.ComparisonOperator, 'GreaterThanThreshold', metric)
  }

  it('alarms as soon as any consumer DLQ holds a message', () => {
    for (const { queues } of synth.stack.fanout.consumers) {
      assertAlarm('ApproximateNumberOfMessagesVisible', logicalIdOf(queues.deadLetterQueue), 'Maximum', 0)
    }
    assert.equal(synth.stack.fanout.consumers.length, consumers.length)
  })

  it('alarms when a consumer queue falls behind', () => {
    for (const { queues } of synth.stack.fanout.consumers) {
      assertAlarm(
        'ApproximateAgeOfOldestMessage',
        logicalIdOf(queues.queue),
        'Maximum',
        alarmThresholds.oldestMessageAgeSeconds,
      )
    }
  })

  it('alarms when the relay lags the stream or gives up on records', () => {
    const { relay } = synth.stack.fanout
    assertAlarm(
      'IteratorAge',
      logicalIdOf(relay.function.function),
      'Maximum',
      alarmThresholds.relayIteratorAgeMs,
    )
    assertAlarm('ApproximateNumberOfMessagesVisible', logicalIdOf(relay.failureQueue), 'Maximum', 0)
  })

  it('alarms on errors of every function', () => {
    // The catch-up custom resources' provider runs inside deploys only: a failure fails the deploy.
    const { provider } = synth.stack.catchUps
    const functions = Object.keys(resourcesOfType(synth.template, 'AWS::Lambda::Function')).filter(
      (id) => provider === undefined || id !== logicalIdOf(provider),
    )
    assert.equal(functions.length, 5 + consumers.length)
    for (const fn of functions) assertAlarm('Errors', fn, 'Sum', 0)
  })

  it('sends every alarm to the alarm topic, which CloudWatch may publish to and encrypt for', () => {
    const { alarmTopic } = synth.stack.monitoring
    const topicId = logicalIdOf(alarmTopic.topic)
    for (const alarm of alarms) assert.deepEqual(alarm.Properties.AlarmActions, [{ Ref: topicId }])
    const resources = synth.template.toJSON().Resources
    assert.ok(resources[topicId].Properties.KmsMasterKeyId, 'the alarm topic is encrypted')
    const keyPolicy = resources[logicalIdOf(alarmTopic.encryptionKey)].Properties.KeyPolicy as {
      Statement: StatementJson[]
    }
    const cloudwatch = keyPolicy.Statement.find((s) => JSON.stringify(s.Principal).includes('cloudwatch'))
    assert.deepEqual(cloudwatch?.Action, ['kms:Decrypt', 'kms:GenerateDataKey*'])
    const topicPolicies = Object.values(resourcesOfType(synth.template, 'AWS::SNS::TopicPolicy')).filter(
      (p) => JSON.stringify(p.Properties.Topics).includes(topicId),
    )
    const statements = topicPolicies.flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: StatementJson[] }).Statement,
    )
    assert.ok(
      statements.some(
        (s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'),
      ),
    )
  })

  it('draws the alarmed metrics on one dashboard', () => {
    const [dashboard, ...others] = Object.values(
      resourcesOfType(synth.template, 'AWS::CloudWatch::Dashboard'),
    )
    assert.ok(dashboard)
    assert.equal(others.length, 0)
    const body = JSON.stringify(dashboard.Properties.DashboardBody)
    for (const metric of [
      'ApproximateNumberOfMessagesVisible',
      'ApproximateAgeOfOldestMessage',
      'IteratorAge',
      'Errors',
    ])
      assert.ok(body.includes(metric), metric)
    for (const { queues } of synth.stack.fanout.consumers)
      assert.ok(body.includes(logicalIdOf(queues.deadLetterQueue)))
  })
})
