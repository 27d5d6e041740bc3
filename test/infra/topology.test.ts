import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { backbone } from '../../functions/backbone.ts'
import { InvalidTopologyError } from '../../infra/constructs/errors.ts'
import type { BackboneDeclaration } from '../../shared/topology/declaration.ts'
import { buildBackbone, SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import { type CfnResourceJson, logicalIdOf, resourcesOfType } from '../helpers/template-queries.ts'

const declared: BackboneDeclaration = backbone
const { consumers, topics } = backbone

/** The declared topology plus a FIFO topic with one consumer. */
const withFifo: BackboneDeclaration = {
  ...declared,
  topics: [...topics, { name: 'payments', fifo: true }],
  consumers: [
    ...consumers,
    {
      ...consumers[0],
      name: 'ledger',
      topic: 'payments',
      filterPolicy: undefined,
      maxBatchingWindowSeconds: 0,
    },
  ],
}

describe('a topology with a FIFO topic', () => {
  let synth: SynthesizedBackbone
  before(() => {
    // A full synth: nag and the template validation must accept FIFO resources too.
    synth = synthBackbone(SKIP_BUNDLING, { backbone: withFifo })
  })
  after(() => synth.dispose())

  const ledger = () => {
    const found = synth.stack.fanout.consumers.find((c) => c.declaration.name === 'ledger')
    assert.ok(found)
    return found
  }
  const resource = (construct: Parameters<typeof logicalIdOf>[0]) =>
    synth.template.toJSON().Resources[logicalIdOf(construct)] as CfnResourceJson

  it('creates a FIFO topic without content-based deduplication (the relay sets event ids)', () => {
    const props = resource(synth.stack.fanout.topics.topic('payments')).Properties
    assert.equal(props.FifoTopic, true)
    assert.equal(props.ContentBasedDeduplication, false)
    assert.equal(resource(synth.stack.fanout.topics.topic('orders')).Properties.FifoTopic, undefined)
  })

  it('gives its consumer a FIFO queue and a FIFO DLQ', () => {
    assert.equal(resource(ledger().queues.queue).Properties.FifoQueue, true)
    assert.equal(resource(ledger().queues.deadLetterQueue).Properties.FifoQueue, true)
    const orderSummary = synth.stack.fanout.consumers[0]
    assert.ok(orderSummary)
    assert.equal(resource(orderSummary.queues.queue).Properties.FifoQueue, undefined)
  })

  it('maps the FIFO queue without a batching window, which Lambda refuses on FIFO queues', () => {
    const queueArn = JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(ledger().queues.queue), 'Arn'] })
    const mapping = Object.values(resourcesOfType(synth.template, 'AWS::Lambda::EventSourceMapping')).find(
      (m) => JSON.stringify(m.Properties.EventSourceArn) === queueArn,
    )
    assert.ok(mapping)
    assert.equal(mapping.Properties.MaximumBatchingWindowInSeconds, undefined)
    assert.deepEqual(mapping.Properties.FunctionResponseTypes, ['ReportBatchItemFailures'])
  })
})

describe('topology validation', () => {
  function problemsOf(topology: BackboneDeclaration): readonly string[] {
    try {
      buildBackbone(SKIP_BUNDLING, { backbone: topology }).dispose()
    } catch (error) {
      assert.ok(error instanceof InvalidTopologyError, String(error))
      return error.problems
    }
    assert.fail('expected an InvalidTopologyError')
  }
  const base = consumers[0]

  it('reports every problem of a topology in one error, before anything is built', () => {
    const problems = problemsOf({
      ...declared,
      consumers: [
        { ...base, name: 'a', topic: 'nowhere' },
        { ...base, name: 'b', maxConcurrency: 1, maxReceiveCount: 0 },
      ],
    })
    assert.equal(problems.length, 3)
    assert.match(problems.join('\n'), /"a" subscribes to unknown topic "nowhere"/)
    assert.match(problems.join('\n'), /"b" maxConcurrency must be an integer from 2 to 1000, got 1/)
    assert.match(problems.join('\n'), /"b" maxReceiveCount/)
  })

  it('refuses a batching window or a batch above 10 on a FIFO topic', () => {
    const problems = problemsOf({
      ...withFifo,
      consumers: [{ ...base, name: 'ledger', topic: 'payments', batchSize: 20, maxBatchingWindowSeconds: 5 }],
    })
    assert.deepEqual(problems.length, 2)
    assert.match(problems.join('\n'), /batchSize \(FIFO queue\) must be an integer from 1 to 10/)
    assert.match(problems.join('\n'), /maxBatchingWindowSeconds must be 0 on a FIFO queue/)
  })

  it('refuses a standard batch above 10 without a batching window, as Lambda does', () => {
    const problems = problemsOf({ ...declared, consumers: [{ ...base, batchSize: 100 }] })
    assert.deepEqual(problems, [
      `consumer "${base.name}" batchSize above 10 needs maxBatchingWindowSeconds of at least 1`,
    ])
  })

  it('refuses duplicate consumer names and names that cannot become resource names', () => {
    const problems = problemsOf({ ...declared, consumers: [base, base, { ...base, name: 'Order_Summary' }] })
    assert.match(problems.join('\n'), /consumer "order-summary" is declared more than once/)
    assert.match(problems.join('\n'), /consumer "Order_Summary": names are lowercase/)
  })

  it('refuses relay and event store settings outside the stream event source and index limits', () => {
    const problems = problemsOf({
      ...declared,
      relay: {
        ...declared.relay,
        maximumRecordAgeSeconds: 10,
        timeoutSeconds: 901,
        parallelizationFactor: 11,
      },
      eventStore: { timeIndexShards: 0 },
    })
    assert.equal(problems.length, 4)
    assert.match(problems.join('\n'), /relay parallelizationFactor must be an integer from 1 to 10, got 11/)
    assert.match(problems.join('\n'), /eventStore timeIndexShards must be an integer from 1 to 256, got 0/)
    assert.match(problems.join('\n'), /relay maximumRecordAgeSeconds must be an integer from 60 to 604800/)
    assert.match(problems.join('\n'), /relay timeoutSeconds/)
  })

  it('refuses routes to undeclared topics and consumers using undeclared tables, naming each', () => {
    const { projection: _projection, ...plain } = base
    const problems = problemsOf({
      ...declared,
      routes: { ...declared.routes, PaymentTaken: 'payments' },
      defaultTopic: 'misc',
      consumers: [{ ...plain, tables: [{ table: 'ledger', environment: 'LEDGER TABLE', actions: [] }] }],
    })
    assert.deepEqual(problems, [
      'route of PaymentTaken names unknown topic "payments"',
      'defaultTopic names unknown topic "misc"',
      `consumer "${base.name}" uses undeclared table "ledger"`,
      `consumer "${base.name}" table variable "LEDGER TABLE" is not a valid name`,
      `consumer "${base.name}" declares no actions on table "ledger"`,
    ])
  })

  it("refuses a projection outside its consumer's tables, without GetItem, or with a version below 1", () => {
    const update = {
      table: 'read-model',
      environment: 'READ_MODEL_TABLE_NAME',
      actions: ['UpdateItem'],
    } as const
    const problems = problemsOf({
      ...declared,
      consumers: [
        { ...base, name: 'a', projection: { version: 0, table: 'read-model' } },
        { ...base, name: 'b', tables: [update] },
        { ...base, name: 'c', projection: { version: 1, table: 'order-history' } },
      ],
    })
    assert.deepEqual(problems, [
      'consumer "a" projection.version must be a positive integer, got 0',
      'consumer "b" projection.table "read-model" must be one of its tables, with GetItem (its projection state)',
      'consumer "c" projection.table "order-history" must be one of its tables, with GetItem (its projection state)',
    ])
  })

  it('accepts the topology the project declares', () => {
    buildBackbone(SKIP_BUNDLING, { backbone: declared }).dispose()
  })
})
