import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Annotations, Match } from 'aws-cdk-lib/assertions'
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb'
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam'
import {
  acknowledgements,
  buildBackbone,
  SKIP_BUNDLING,
  type SynthesizedBackbone,
  synthBackbone,
} from '../helpers/synth.ts'

describe('synth-time checks (cdk-nag AwsSolutions, CloudFormation template validation)', () => {
  let synth: SynthesizedBackbone
  before(() => {
    // Throws the validation report if any finding is unacknowledged (cdk.json makes warnings fatal).
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  it('reports no unacknowledged finding from either check', () => {
    const report = JSON.parse(
      readFileSync(path.join(synth.assemblyDir, 'validation-report.json'), 'utf8'),
    ) as {
      pluginReports: { pluginName: string; violations?: unknown[] }[]
    }
    const violations = report.pluginReports.flatMap((r) =>
      (r.violations ?? []).map((v) => ({ plugin: r.pluginName, v })),
    )
    assert.deepEqual(violations, [])
  })

  it('leaves no error or warning annotation on the stack', () => {
    const annotations = Annotations.fromStack(synth.stack)
    assert.deepEqual(annotations.findError('*', Match.anyValue()), [])
    assert.deepEqual(annotations.findWarning('*', Match.anyValue()), [])
  })

  it('acknowledges only specific findings, each with its reason, on a resource rather than a stack or the app', () => {
    const acks = acknowledgements(synth.app)
    assert.ok(acks.length > 0)
    for (const ack of acks) {
      assert.notEqual(ack.path, '', 'not on the app')
      assert.notEqual(ack.path, synth.stack.node.path, 'not on the stack')
      assert.ok(ack.reason.length >= 40, `${ack.id} at ${ack.path} has a real reason`)
      // Recorded as `<plugin namespace>::<rule>`; the namespace is CDK's, the rule is ours.
      const rule = ack.id.slice(ack.id.indexOf('::') + 2)
      // IAM4/IAM5 report one finding per action or resource: acknowledge that finding, never the rule.
      if (/^AwsSolutions-IAM\d+/.test(rule))
        assert.match(rule, /\[.+\]$/, `${ack.id} names the exact finding`)
      else assert.match(rule, /^AwsSolutions-[A-Z]+\d+$/, `${ack.id} names one rule`)
    }
  })
})

describe('synth-time checks fail the synth', () => {
  it('when a resource breaks a nag rule or the CloudFormation schema', () => {
    const built = buildBackbone(SKIP_BUNDLING)
    try {
      new Policy(built.stack, 'TooBroad', {
        roles: [built.stack.readFunction.role],
        statements: [
          new PolicyStatement({
            actions: ['dynamodb:*'],
            resources: [built.stack.eventStore.table.tableArn],
          }),
        ],
      })
      const table = built.stack.eventStore.table.node.defaultChild as CfnTable
      table.addPropertyOverride('BillingMode', 'FREE_OF_CHARGE')
      assert.throws(() => built.app.synth())
      const report = readFileSync(path.join(built.outdir, 'validation-report.json'), 'utf8')
      assert.match(report, /AwsSolutions-IAM5\[Action::dynamodb:\*\]/)
      assert.match(report, /FREE_OF_CHARGE/)
    } finally {
      built.dispose()
    }
  })
})
