import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BackboneFunction } from '../../infra/constructs/backbone-function.ts'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  actionsOf,
  allIdentityStatements,
  arnOf,
  grantsOfRole,
  logicalIdOf,
  resourcesOf,
  resourcesOfType,
  type StatementJson,
  statementsOfRole,
} from '../helpers/template-queries.ts'

const XRAY_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']

describe('IAM least privilege', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  const grantsOf = (fn: BackboneFunction) => grantsOfRole(synth.template, logicalIdOf(fn.role))

  it('allows no action "*" anywhere, and resource "*" only for the X-Ray actions that require it', () => {
    const statements = allIdentityStatements(synth.template)
    assert.ok(statements.length > 0)
    for (const statement of statements) {
      for (const action of actionsOf(statement)) assert.ok(!action.includes('*'), `wildcard action ${action}`)
      if (resourcesOf(statement).includes('*')) assert.deepEqual(actionsOf(statement).sort(), XRAY_ACTIONS)
    }
  })

  it('attaches no managed policy to any role, and only Lambda can assume the function roles', () => {
    for (const role of Object.values(resourcesOfType(synth.template, 'AWS::IAM::Role'))) {
      assert.equal(role.Properties.ManagedPolicyArns, undefined)
      assert.deepEqual(
        (role.Properties.AssumeRolePolicyDocument as { Statement: StatementJson[] }).Statement.map(
          (s) => s.Principal,
        ),
        [{ Service: 'lambda.amazonaws.com' }],
      )
    }
  })

  it('lets publish put, condition-check, get and query the events table, encrypt with its key and write its own logs, nothing more', () => {
    const { eventStore, publishFunction } = synth.stack
    assert.deepEqual(
      grantsOf(publishFunction),
      new Map([
        [logicalIdOf(publishFunction.logGroup), ['logs:CreateLogStream', 'logs:PutLogEvents']],
        [
          logicalIdOf(eventStore.table),
          ['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        ],
        [logicalIdOf(eventStore.encryptionKey), ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']],
        ['*', XRAY_ACTIONS],
      ]),
    )
  })

  it("lets read get and query the events table, put snapshot items only, get projections' items, and use their keys", () => {
    const { eventStore, readFunction, fanout } = synth.stack
    assert.deepEqual(
      grantsOf(readFunction),
      new Map([
        [logicalIdOf(readFunction.logGroup), ['logs:CreateLogStream', 'logs:PutLogEvents']],
        [logicalIdOf(eventStore.table), ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']],
        [logicalIdOf(eventStore.encryptionKey), ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']],
        // GET /projections/order-summary/{key}: the projection's state and its documents, read only.
        [logicalIdOf(fanout.tables.table('read-model')), ['dynamodb:GetItem']],
        [logicalIdOf(fanout.tables.encryptionKey), ['kms:Decrypt']],
        ['*', XRAY_ACTIONS],
      ]),
    )
    const puts = statementsOfRole(synth.template, logicalIdOf(readFunction.role)).filter((s) =>
      actionsOf(s).includes('dynamodb:PutItem'),
    ) as (StatementJson & { Condition?: unknown })[]
    assert.deepEqual(
      puts.map((s) => [actionsOf(s), s.Condition]),
      [[['dynamodb:PutItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['_snapshot#*'] } }]],
    )
  })

  it('grants publish and read the table itself; only the relay reads its stream, only replay its time index', () => {
    const { eventStore, fanout, replay } = synth.stack
    const table = logicalIdOf(eventStore.table)
    const mayTouchMore = new Set([fanout.relay.function, replay.function].map((f) => logicalIdOf(f.role)))
    for (const [id, policy] of Object.entries(resourcesOfType(synth.template, 'AWS::IAM::Policy'))) {
      const roles = JSON.stringify(policy.Properties.Roles)
      if ([...mayTouchMore].some((role) => roles.includes(`"${role}"`))) continue
      for (const statement of (policy.Properties.PolicyDocument as { Statement: StatementJson[] })
        .Statement) {
        if (!JSON.stringify(statement.Resource).includes(table)) continue
        assert.deepEqual(resourcesOf(statement), [arnOf(table)], id)
      }
    }
    const relayGrants = grantsOf(fanout.relay.function)
    assert.ok(relayGrants.has(`${table}.StreamArn`))
    assert.ok(grantsOf(replay.function).has(`${table}/index/byTime`))
  })

  it('opens every key to no principal outside the account, and AWS services only on its behalf', () => {
    const keys = Object.entries(resourcesOfType(synth.template, 'AWS::KMS::Key'))
    assert.ok(keys.length > 1)
    for (const [id, key] of keys) {
      const policy = key.Properties.KeyPolicy as { Statement: (StatementJson & { Condition?: unknown })[] }
      for (const statement of policy.Statement) {
        assert.notEqual(statement.Principal, '*', id)
        const principal = JSON.stringify(statement.Principal)
        if (principal.includes(':root')) continue
        // A service principal (SNS delivering to a queue, CloudWatch publishing an alarm) must be
        // pinned to our resources by aws:SourceArn, or any account's topic or alarm could use the key.
        assert.match(principal, /^\{"Service":"(sns|cloudwatch)\.amazonaws\.com"\}$/, id)
        assert.match(JSON.stringify(statement.Condition), /aws:SourceArn/, id)
      }
    }
  })
})
