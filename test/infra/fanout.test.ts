import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { backbone } from '../../functions/backbone.ts'
import type { ConsumerDeclaration } from '../../shared/topology/declaration.ts'

const { relay, topics } = backbone
// Widened: not every consumer declares a filter policy.
const consumers: readonly ConsumerDeclaration[] = backbone.consumers
const topicOf = (c: ConsumerDeclaration) => topics.find((t) => t.name === c.topic) ?? { fifo: false }

import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  arnOf,
  type CfnResourceJson,
  deniesPlainHttp,
  environmentOf,
  logicalIdOf,
  renderTokens,
  resourcePolicyStatements,
  resourcesOfType,
  type StatementJson,
  tokenName,
} from '../helpers/template-queries.ts'

const FOURTEEN_DAYS = 14 * 24 * 3600

describe('fan-out built from the declaration (functions/backbone.ts)', () => {
  let synth: SynthesizedBackbone
  let resources: Record<string, CfnResourceJson>
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
    resources = synth.template.toJSON().Resources
  })
  after(() => synth.dispose())

  const consumerNamed = (name: string) => {
    const found = synth.stack.fanout.consumers.find((c) => c.declaration.name === name)
    assert.ok(found, `consumer ${name} is built`)
    return found
  }
  const resourceOf = (construct: Parameters<typeof logicalIdOf>[0]) =>
    resources[logicalIdOf(construct)] as CfnResourceJson
  it('creates every declared topic, encrypted with a rotating customer-managed key and refusing plain HTTP', () => {
    const topicResources = synth.stack.fanout.topics.byName
    assert.deepEqual(
      [...topicResources.keys()],
      topics.map((t) => t.name),
    )
    const keyId = logicalIdOf(synth.stack.fanout.topics.encryptionKey)
    assert.equal(resources[keyId]?.Properties.EnableKeyRotation, true)
    for (const declaration of topics) {
      const topic = topicResources.get(declaration.name)
      assert.ok(topic)
      const props = resourceOf(topic).Properties
      assert.deepEqual(props.KmsMasterKeyId, arnOf(keyId), declaration.name)
      assert.equal(props.FifoTopic === true, declaration.fifo, declaration.name)
      assert.ok(
        deniesPlainHttp(
          resourcePolicyStatements(synth.template, 'AWS::SNS::TopicPolicy', logicalIdOf(topic)),
        ),
      )
    }
  })

  it('gives every consumer a queue and a DLQ under its own key, with 6× visibility and its maxReceiveCount', () => {
    assert.equal(synth.stack.fanout.consumers.length, consumers.length)
    for (const declaration of consumers) {
      const { queues } = consumerNamed(declaration.name)
      const keyId = logicalIdOf(queues.encryptionKey)
      const queue = resourceOf(queues.queue)
      const dlq = resourceOf(queues.deadLetterQueue)
      assert.deepEqual(queue.Properties.KmsMasterKeyId, arnOf(keyId), declaration.name)
      assert.deepEqual(dlq.Properties.KmsMasterKeyId, arnOf(keyId), declaration.name)
      assert.equal(queue.Properties.VisibilityTimeout, 6 * declaration.timeoutSeconds, declaration.name)
      assert.deepEqual(queue.Properties.RedrivePolicy, {
        deadLetterTargetArn: arnOf(logicalIdOf(queues.deadLetterQueue)),
        maxReceiveCount: declaration.maxReceiveCount,
      })
      assert.equal(dlq.Properties.MessageRetentionPeriod, FOURTEEN_DAYS, declaration.name)
      assert.equal(dlq.DeletionPolicy, 'Retain', declaration.name)
      assert.equal(resources[keyId]?.Properties.EnableKeyRotation, true)
      for (const q of [queues.queue, queues.deadLetterQueue])
        assert.ok(
          deniesPlainHttp(resourcePolicyStatements(synth.template, 'AWS::SQS::QueuePolicy', logicalIdOf(q))),
        )
    }
  })

  it('subscribes each queue to its topic with raw delivery, its filter policy and a redrive policy to its DLQ', () => {
    const subscriptions = Object.values(resourcesOfType(synth.template, 'AWS::SNS::Subscription'))
    assert.equal(subscriptions.length, consumers.length)
    for (const declaration of consumers) {
      const { queues } = consumerNamed(declaration.name)
      const topic = synth.stack.fanout.topics.topic(declaration.topic)
      const subscription = subscriptions.find(
        (s) => JSON.stringify(s.Properties.Endpoint) === JSON.stringify(arnOf(logicalIdOf(queues.queue))),
      )
      assert.ok(subscription, declaration.name)
      assert.deepEqual(subscription.Properties, {
        Protocol: 'sqs',
        TopicArn: { Ref: logicalIdOf(topic) },
        Endpoint: arnOf(logicalIdOf(queues.queue)),
        RawMessageDelivery: true,
        ...(declaration.filterPolicy ? { FilterPolicy: declaration.filterPolicy } : {}),
        RedrivePolicy: { deadLetterTargetArn: arnOf(logicalIdOf(queues.deadLetterQueue)) },
      })
    }
  })

  it('lets SNS use a consumer key only for deliveries from its topic, to the queue and the DLQ', () => {
    for (const declaration of consumers) {
      const { queues } = consumerNamed(declaration.name)
      const topicRef = { Ref: logicalIdOf(synth.stack.fanout.topics.topic(declaration.topic)) }
      const keyPolicy = resourceOf(queues.encryptionKey).Properties.KeyPolicy as {
        Statement: StatementJson[]
      }
      const sns = keyPolicy.Statement.filter((s) => JSON.stringify(s.Principal).includes('sns.amazonaws.com'))
      assert.equal(sns.length, 1, declaration.name)
      assert.deepEqual((sns[0] as { Condition?: unknown }).Condition, {
        ArnEquals: { 'aws:SourceArn': topicRef },
      })
      for (const q of [queues.queue, queues.deadLetterQueue]) {
        const statements = resourcePolicyStatements(synth.template, 'AWS::SQS::QueuePolicy', logicalIdOf(q))
        assert.ok(
          statements.some((s) => s.Effect === 'Allow' && JSON.stringify(s).includes('sns.amazonaws.com')),
          `${declaration.name}: SNS may send to ${q.node.id}`,
        )
      }
    }
  })

  it('drains each queue with its function: batch size, window, concurrency and partial batch responses', () => {
    const mappings = Object.values(resourcesOfType(synth.template, 'AWS::Lambda::EventSourceMapping'))
    for (const declaration of consumers) {
      const consumer = consumerNamed(declaration.name)
      const mapping = mappings.find(
        (m) =>
          JSON.stringify(m.Properties.EventSourceArn) ===
          JSON.stringify(arnOf(logicalIdOf(consumer.queues.queue))),
      )
      assert.ok(mapping, declaration.name)
      assert.deepEqual(mapping.Properties, {
        EventSourceArn: arnOf(logicalIdOf(consumer.queues.queue)),
        FunctionName: { Ref: logicalIdOf(consumer.function.function) },
        BatchSize: declaration.batchSize,
        // Lambda refuses a batching window on a FIFO queue, even 0.
        ...(topicOf(declaration).fifo
          ? {}
          : { MaximumBatchingWindowInSeconds: declaration.maxBatchingWindowSeconds }),
        ScalingConfig: { MaximumConcurrency: declaration.maxConcurrency },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      })
    }
  })

  it('runs each consumer function from its entry with its memory, timeout and environment', () => {
    const tables = synth.stack.fanout.tables
    for (const declaration of consumers) {
      const consumer = consumerNamed(declaration.name)
      const props = resourceOf(consumer.function.function).Properties
      assert.equal(props.MemorySize, declaration.memoryMb, declaration.name)
      assert.equal(props.Timeout, declaration.timeoutSeconds, declaration.name)
      const env = environmentOf(resourceOf(consumer.function.function))
      assert.equal(env.CONSUMER_NAME, declaration.name)
      assert.deepEqual(env.DLQ_URL, { Ref: logicalIdOf(consumer.queues.deadLetterQueue) })
      assert.deepEqual(env.DEDUP_TABLE_NAME, { Ref: logicalIdOf(tables.dedupTable) })
      for (const use of declaration.tables ?? []) {
        assert.deepEqual(env[use.environment], { Ref: logicalIdOf(tables.table(use.table)) }, use.environment)
      }
      assert.equal(env.POWERTOOLS_SERVICE_NAME, declaration.name)
      assert.equal(env.POWERTOOLS_METRICS_NAMESPACE, 'EventBackbone')
    }
  })

  it('relays the events table stream from its oldest record with bisect, bounded retries, the declared parallelization factor and an on-failure queue', () => {
    const { eventStore, fanout } = synth.stack
    const mapping = Object.values(resourcesOfType(synth.template, 'AWS::Lambda::EventSourceMapping')).find(
      (m) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    )
    assert.ok(mapping)
    assert.deepEqual(mapping.Properties, {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(eventStore.table), 'StreamArn'] },
      FunctionName: { Ref: logicalIdOf(fanout.relay.function.function) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: relay.batchSize,
      MaximumBatchingWindowInSeconds: relay.maxBatchingWindowSeconds,
      BisectBatchOnFunctionError: relay.bisectBatchOnFunctionError,
      MaximumRetryAttempts: relay.maximumRetryAttempts,
      MaximumRecordAgeInSeconds: relay.maximumRecordAgeSeconds,
      ParallelizationFactor: relay.parallelizationFactor,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: arnOf(logicalIdOf(fanout.relay.failureQueue)) } },
    })
    const failureQueue = resourceOf(fanout.relay.failureQueue)
    assert.ok(failureQueue.Properties.KmsMasterKeyId, 'the on-failure queue is KMS-encrypted')
    assert.equal(failureQueue.DeletionPolicy, 'Retain')
    const fn = resourceOf(fanout.relay.function.function).Properties
    assert.equal(fn.MemorySize, relay.memoryMb)
    assert.equal(fn.Timeout, relay.timeoutSeconds)
  })

  it('tells the relay, replay and redrive where every topic, route and consumer queue is', () => {
    const { fanout, replay, redrive } = synth.stack
    const expectedTopics = Object.fromEntries(
      topics.map((t) => [t.name, `ref:${logicalIdOf(fanout.topics.topic(t.name))}`]),
    )
    const expectedQueues = Object.fromEntries(
      consumers.map(({ name, topic, filterPolicy }) => {
        const { queue, deadLetterQueue } = consumerNamed(name).queues
        const [q, d] = [logicalIdOf(queue), logicalIdOf(deadLetterQueue)]
        const addresses = {
          queueUrl: `ref:${q}`,
          queueArn: `${q}.Arn`,
          dlqUrl: `ref:${d}`,
          dlqArn: `${d}.Arn`,
        }
        return [name, { ...addresses, topic, ...(filterPolicy ? { filterPolicy } : {}) }]
      }),
    )
    const envOf = (fn: Parameters<typeof logicalIdOf>[0]) => environmentOf(resourceOf(fn))
    const parsed = (value: unknown) => JSON.parse(renderTokens(value, tokenName))
    assert.deepEqual(parsed(envOf(fanout.relay.function.function).TOPIC_ARNS), expectedTopics)
    assert.deepEqual(parsed(envOf(replay.function.function).TOPIC_ARNS), expectedTopics)
    assert.deepEqual(parsed(envOf(replay.function.function).CONSUMER_QUEUES), expectedQueues)
    assert.deepEqual(parsed(envOf(redrive.function.function).CONSUMER_QUEUES), expectedQueues)
    const expectedRoutes = { routes: backbone.routes, defaultTopic: backbone.defaultTopic }
    assert.deepEqual(JSON.parse(envOf(fanout.relay.function.function).EVENT_ROUTES as string), expectedRoutes)
    assert.deepEqual(JSON.parse(envOf(replay.function.function).EVENT_ROUTES as string), expectedRoutes)
    const replayEnv = envOf(replay.function.function)
    assert.deepEqual(replayEnv.EVENTS_TABLE_NAME, { Ref: logicalIdOf(synth.stack.eventStore.table) })
    assert.deepEqual(replayEnv.REPLAY_JOBS_TABLE_NAME, { Ref: logicalIdOf(replay.jobs.table) })
    assert.equal(resourceOf(replay.function.function).Properties.Timeout, 900)
  })

  it('outputs each consumer queue and DLQ name, the topic ARNs and the replay and redrive function names', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>
    assert.deepEqual(outputs.OrderSummaryQueueName?.Value, {
      'Fn::GetAtt': [logicalIdOf(consumerNamed('order-summary').queues.queue), 'QueueName'],
    })
    assert.deepEqual(outputs.ShippingNotifierDlqName?.Value, {
      'Fn::GetAtt': [logicalIdOf(consumerNamed('shipping-notifier').queues.deadLetterQueue), 'QueueName'],
    })
    assert.deepEqual(outputs.OrdersTopicArn?.Value, {
      Ref: logicalIdOf(synth.stack.fanout.topics.topic('orders')),
    })
    assert.deepEqual(outputs.ReplayFunctionName?.Value, {
      Ref: logicalIdOf(synth.stack.replay.function.function),
    })
    assert.deepEqual(outputs.RedriveFunctionName?.Value, {
      Ref: logicalIdOf(synth.stack.redrive.function.function),
    })
    assert.deepEqual(outputs.ReplayJobsTableName?.Value, { Ref: logicalIdOf(synth.stack.replay.jobs.table) })
  })
})
