import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import { logicalIdOf, onlyResource } from '../helpers/template-queries.ts'

describe('projections on AWS', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  it('calls the replay function on every deploy that changes a declared projection version', () => {
    const { replay } = synth.stack
    const [, hook] = onlyResource(synth.template, 'Custom::ProjectionVersions')
    assert.deepEqual(hook.Properties, {
      ServiceToken: { 'Fn::GetAtt': [logicalIdOf(replay.function.function), 'Arn'] },
      versions: { 'order-summary': 1 },
    })
    // It starts each rebuild by invoking the function itself, so the policy allowing that comes first.
    const selfInvoke = replay.node.findChild('SelfInvokePolicy')
    assert.deepEqual((hook as { DependsOn?: string[] }).DependsOn, [logicalIdOf(selfInvoke)])
  })

  it("tells the projection's consumer its declared version and table, and replay and read where every projection is", () => {
    const functions = synth.template.toJSON().Resources as Record<
      string,
      { Type: string; Properties: { Environment?: { Variables?: Record<string, unknown> } } }
    >
    const env = (id: string) => functions[id]?.Properties.Environment?.Variables ?? {}
    const summary = synth.stack.fanout.consumers.find((c) => c.declaration.name === 'order-summary')
    assert.ok(summary)
    const own = env(logicalIdOf(summary.function.function))
    assert.deepEqual(JSON.parse(String(own.PROJECTION)), {
      name: 'order-summary',
      version: 1,
      partitionKey: 'pk',
      sortKey: 'sk',
    })
    assert.deepEqual(own.PROJECTION_TABLE_NAME, {
      Ref: logicalIdOf(synth.stack.fanout.tables.table('read-model')),
    })
    for (const fn of [synth.stack.replay.function, synth.stack.readFunction]) {
      const projections = JSON.stringify(env(logicalIdOf(fn.function)).PROJECTIONS)
      assert.match(projections, new RegExp(logicalIdOf(summary.function.function)))
      assert.match(projections, new RegExp(logicalIdOf(synth.stack.fanout.tables.table('read-model'))))
    }
    for (const other of synth.stack.fanout.consumers.filter((c) => c !== summary))
      assert.equal(env(logicalIdOf(other.function.function)).PROJECTION, undefined, other.declaration.name)
  })
})
