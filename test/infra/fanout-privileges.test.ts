import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BackboneFunction } from '../../infra/constructs/backbone-function.ts'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  grantsOfRole,
  logicalIdOf,
  type StatementJson,
  statementsOfRole,
} from '../helpers/template-queries.ts'

const XRAY = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']
const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents']
const PRODUCER_KMS = ['kms:Decrypt', 'kms:GenerateDataKey']
const TABLE_WRITE_KMS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']

describe('fan-out, redrive and replay least privilege', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  const id = logicalIdOf
  const grantsOf = (fn: BackboneFunction) => grantsOfRole(synth.template, id(fn.role))
  const base = (fn: BackboneFunction): [string, string[]][] => [
    [id(fn.logGroup), LOGS],
    ['*', XRAY],
  ]

  it('lets the relay read the events stream and publish to the topics, and never touch the table', () => {
    const { eventStore, fanout } = synth.stack
    const fn = fanout.relay.function
    assert.deepEqual(
      grantsOf(fn),
      new Map([
        ...base(fn),
        [
          `${id(eventStore.table)}.StreamArn`,
          [
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
            'dynamodb:ListStreams',
          ],
        ],
        [id(eventStore.encryptionKey), ['kms:Decrypt']],
        [id(fanout.topics.topic('orders')), ['sns:Publish']],
        [id(fanout.topics.topic('order-notes')), ['sns:Publish']],
        [id(fanout.topics.encryptionKey), PRODUCER_KMS],
        [id(fanout.relay.failureQueue), ['sqs:SendMessage']],
        [id(fanout.relay.failureKey), PRODUCER_KMS],
      ]),
    )
  })

  it('lets each consumer drain its own queue, send only to its own DLQ, use only its own key and do only the table actions it declares', () => {
    const { fanout } = synth.stack
    for (const consumer of fanout.consumers) {
      const { queues, function: fn } = consumer
      assert.deepEqual(
        grantsOf(fn),
        new Map([
          ...base(fn),
          [
            id(queues.queue),
            [
              'sqs:ChangeMessageVisibility',
              'sqs:DeleteMessage',
              'sqs:GetQueueAttributes',
              'sqs:GetQueueUrl',
              'sqs:ReceiveMessage',
            ],
          ],
          [id(queues.deadLetterQueue), ['sqs:SendMessage']],
          [id(queues.encryptionKey), PRODUCER_KMS],
          [id(fanout.tables.dedupTable), ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem']],
          ...(consumer.declaration.tables ?? []).map((use): [string, string[]] => [
            id(fanout.tables.table(use.table)),
            use.actions.map((a) => `dynamodb:${a}`).sort(),
          ]),
          [id(fanout.tables.encryptionKey), TABLE_WRITE_KMS],
        ]),
        consumer.declaration.name,
      )
    }
  })

  it("confines each consumer's dedup records to keys prefixed with its own name", () => {
    const { fanout } = synth.stack
    for (const { declaration, function: fn } of fanout.consumers) {
      const dedup = statementsOfRole(synth.template, id(fn.role)).filter((s) =>
        JSON.stringify(s.Resource).includes(id(fanout.tables.dedupTable)),
      ) as (StatementJson & { Condition?: unknown })[]
      assert.equal(dedup.length, 1)
      assert.deepEqual(dedup[0]?.Condition, {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${declaration.name}#*`] },
      })
    }
  })

  it('lets redrive move DLQ messages back to their own queues, nothing else', () => {
    const { fanout, redrive } = synth.stack
    const fn = redrive.function
    const expected = new Map<string, string[]>(base(fn))
    for (const { queues } of fanout.consumers) {
      expected.set(id(queues.deadLetterQueue), [
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ListMessageMoveTasks',
        'sqs:ReceiveMessage',
        'sqs:StartMessageMoveTask',
      ])
      expected.set(id(queues.queue), ['sqs:SendMessage'])
      expected.set(id(queues.encryptionKey), PRODUCER_KMS)
    }
    assert.deepEqual(grantsOf(fn), expected)
  })

  it('lets replay query the events table and its time index, keep its jobs, send, publish, invoke itself and rebuild projections', () => {
    const { eventStore, fanout, replay } = synth.stack
    const fn = replay.function
    const table = id(eventStore.table)
    const expected = new Map<string, string[]>([
      ...base(fn),
      [table, ['dynamodb:Query']],
      [`${table}/index/byTime`, ['dynamodb:Query']],
      [id(eventStore.encryptionKey), ['kms:Decrypt']],
      [id(replay.jobs.table), ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
      [id(replay.jobs.encryptionKey), TABLE_WRITE_KMS],
      [id(fanout.topics.topic('orders')), ['sns:Publish']],
      [id(fanout.topics.topic('order-notes')), ['sns:Publish']],
      [id(fanout.topics.encryptionKey), PRODUCER_KMS],
      [id(fn.function), ['lambda:InvokeFunction']],
      // A rebuild of order-summary: its state item, and its consumer invoked with history.
      [id(fanout.tables.table('read-model')), ['dynamodb:GetItem', 'dynamodb:PutItem']],
      [id(fanout.tables.encryptionKey), TABLE_WRITE_KMS],
    ])
    for (const { queues, declaration, function: consumer } of fanout.consumers) {
      expected.set(id(queues.queue), ['sqs:SendMessage'])
      expected.set(id(queues.encryptionKey), PRODUCER_KMS)
      if (declaration.projection) expected.set(id(consumer.function), ['lambda:InvokeFunction'])
    }
    assert.deepEqual(grantsOf(fn), expected)
    const onReadModel = statementsOfRole(synth.template, id(fn.role)).filter((s) =>
      JSON.stringify(s.Resource).includes(id(fanout.tables.table('read-model'))),
    ) as (StatementJson & { Condition?: unknown })[]
    assert.deepEqual(
      onReadModel.map((s) => s.Condition),
      [{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['_projection#*'] } }],
    )
  })

  it("grants lambda:InvokeFunction to no role but replay, only on replay itself and the projections' consumers", () => {
    const replayFn = synth.stack.replay.function
    const roles = synth.stack.node.findAll().filter((c) => c.node.id === 'Role')
    assert.ok(roles.length >= 7, 'every function role is checked')
    for (const fn of roles) {
      const invokes = statementsOfRole(synth.template, id(fn)).filter((s) =>
        JSON.stringify(s.Action).includes('lambda:'),
      )
      // Itself (continuations) and order-summary, the one projection (rebuilds).
      if (fn === replayFn.role) assert.equal(invokes.length, 2)
      else assert.deepEqual(invokes, [], fn.node.path)
    }
  })
})
