/**
 * Consumers that start from history, in the synthesized stack: a custom resource invokes the replay
 * function with each one's catch-up request after its consumer exists, with nothing but that
 * permission; the request is the one `npm start` sends; a wrong start position fails synth naming it.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { backbone } from '../../functions/backbone.ts'
import { InvalidTopologyError } from '../../infra/constructs/errors.ts'
import { validateTopology } from '../../infra/constructs/topology-validation.ts'
import type { ConsumerDeclaration } from '../../shared/topology/declaration.ts'
import { catchUpRequest } from '../../shared/topology/start-position.ts'
import { startTestStack } from '../helpers/local-stack.ts'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  type CfnResourceJson,
  logicalIdOf,
  renderTokens,
  resourcesOfType,
  statementsOfRole,
  tokenName,
} from '../helpers/template-queries.ts'

interface SdkCall {
  service: string
  action: string
  parameters: { FunctionName: string; InvocationType: string; Payload: string }
}

const createCall = (resource: CfnResourceJson): SdkCall =>
  JSON.parse(renderTokens(resource.Properties.Create, tokenName)) as SdkCall

describe('catch-up of consumers that start from history, on AWS', () => {
  let synth: SynthesizedBackbone
  let catchUps: Record<string, CfnResourceJson & { DependsOn?: string[] }>
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
    catchUps = resourcesOfType(synth.template, 'Custom::AWS')
  })
  after(() => synth.dispose())

  it('invokes the replay function asynchronously with the catch-up request of each consumer that starts in the past', () => {
    const calls = Object.values(catchUps).map(createCall)
    const replayId = logicalIdOf(synth.stack.replay.function.function)
    const expected = backbone.consumers.flatMap((c) => catchUpRequest(c) ?? [])
    assert.deepEqual(
      expected.map((r) => r.target.consumer),
      ['daily-sales'],
    )
    assert.deepEqual(
      calls.map((c) => ({
        ...c,
        parameters: { ...c.parameters, Payload: JSON.parse(c.parameters.Payload) },
      })),
      expected.map((request) => ({
        service: 'Lambda',
        action: 'Invoke',
        parameters: { FunctionName: `ref:${replayId}`, InvocationType: 'Event', Payload: request },
        physicalResourceId: { id: request.jobId },
      })),
    )
    // Only on creation: a later deploy does not start it again.
    for (const resource of Object.values(catchUps)) {
      assert.equal(resource.Properties.Update, undefined)
      assert.equal(resource.Properties.Delete, undefined)
    }
  })

  it("starts only after its consumer's queue, subscription, function and event source mapping, and the replay function, exist", () => {
    const consumer = synth.stack.fanout.consumers.find((c) => c.declaration.name === 'daily-sales')
    assert.ok(consumer)
    const [resource] = Object.values(catchUps)
    const dependsOn = new Set(resource?.DependsOn ?? [])
    const queueId = logicalIdOf(consumer.queues.queue)
    const subscriptions = Object.entries(resourcesOfType(synth.template, 'AWS::SNS::Subscription')).filter(
      ([, s]) => JSON.stringify(s.Properties.Endpoint).includes(`"${queueId}"`),
    )
    const mappings = Object.entries(
      resourcesOfType(synth.template, 'AWS::Lambda::EventSourceMapping'),
    ).filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes(`"${queueId}"`))
    assert.equal(subscriptions.length, 1)
    assert.equal(mappings.length, 1)
    for (const id of [
      queueId,
      ...subscriptions.map(([id]) => id),
      ...mappings.map(([id]) => id),
      logicalIdOf(consumer.function.function),
      logicalIdOf(synth.stack.replay.function.function),
    ]) {
      assert.ok(dependsOn.has(id), `depends on ${id}`)
    }
  })

  it('lets its provider invoke the replay function and write its own logs, nothing else', () => {
    const { provider } = synth.stack.catchUps
    assert.ok(provider)
    const providerRole = (synth.template.toJSON().Resources[logicalIdOf(provider)] as CfnResourceJson)
      .Properties.Role as { 'Fn::GetAtt': [string, string] }
    const statements = statementsOfRole(synth.template, providerRole['Fn::GetAtt'][0])
    const replayId = logicalIdOf(synth.stack.replay.function.function)
    const logsId = Object.keys(resourcesOfType(synth.template, 'AWS::Logs::LogGroup')).find((id) =>
      id.startsWith('CatchUpsProviderLogs'),
    )
    const granted = statements.map((st) => JSON.stringify([st.Effect, st.Action, st.Resource])).sort()
    const expected = [
      ['Allow', ['logs:CreateLogStream', 'logs:PutLogEvents'], { 'Fn::GetAtt': [logsId, 'Arn'] }],
      ['Allow', 'lambda:InvokeFunction', { 'Fn::GetAtt': [replayId, 'Arn'] }],
    ]
    assert.deepEqual(granted, expected.map((e) => JSON.stringify(e)).sort())
  })

  it('sends the same requests as npm start', async () => {
    const t = await startTestStack()
    try {
      const local = t.stack.catchUps.requests
      const deployed = Object.values(catchUps).map((r) => JSON.parse(createCall(r).parameters.Payload))
      assert.deepEqual(deployed, local)
      assert.equal(local.length, 1)
    } finally {
      await t.stop()
    }
  })
})

describe('consumer start positions in the declaration', () => {
  const base = backbone.consumers[0] as ConsumerDeclaration
  const problemsOf = (startFrom: unknown): readonly string[] => {
    try {
      validateTopology({ ...backbone, consumers: [{ ...base, startFrom } as ConsumerDeclaration] })
      return []
    } catch (error) {
      if (error instanceof InvalidTopologyError) return error.problems
      throw error
    }
  }

  it('accepts now, beginning and a past time', () => {
    for (const startFrom of [undefined, 'now', 'beginning', { time: '2026-01-01T00:00:00Z' }]) {
      assert.deepEqual(problemsOf(startFrom), [], JSON.stringify(startFrom))
    }
  })

  it('refuses anything else at synth, naming the consumer and what is wrong', () => {
    const future = new Date(Date.now() + 86_400_000).toISOString()
    const cases: [unknown, RegExp][] = [
      ['start', /startFrom must be "now", "beginning" or \{ time/],
      [{ time: '2026-01-01' }, /startFrom time must be an ISO-8601 date-time with an offset/],
      [{ time: '2026-01-01T00:00:00' }, /with an offset/],
      [{ time: '2026-01-01T00:00:00Z', from: 'x' }, /must be "now", "beginning" or/],
      [{ time: future }, /is in the future/],
    ]
    for (const [startFrom, message] of cases) {
      const problems = problemsOf(startFrom)
      assert.equal(problems.length, 1, JSON.stringify(startFrom))
      assert.ok(problems[0]?.startsWith(`consumer "${base.name}" startFrom `), problems[0])
      assert.match(problems[0] ?? '', message)
    }
  })

  it('catches up from a time at that time, and not at all from now', () => {
    assert.deepEqual(catchUpRequest({ name: 'ledger', startFrom: { time: '2026-03-01T12:00:00+01:00' } }), {
      jobId: 'catch-up-ledger',
      target: { consumer: 'ledger' },
      filter: { from: '2026-03-01T11:00:00.000Z' },
    })
    assert.equal(catchUpRequest({ name: 'ledger' }), undefined)
    assert.equal(catchUpRequest({ name: 'ledger', startFrom: 'now' }), undefined)
  })
})
