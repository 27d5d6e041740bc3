import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { BackboneFunction } from '../../infra/constructs/backbone-function.ts'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from './synth.ts'
import {
  actionsOf,
  allIdentityStatements,
  arnOf,
  logicalIdOf,
  resourcesOf,
  resourcesOfType,
  type StatementJson,
  statementsOfRole,
} from './template-queries.ts'

const XRAY_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']

describe('IAM least privilege', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  /** Sorted actions each resource (by logical id, or `*`) is granted to a function's role. */
  function grantsOf(fn: BackboneFunction): Map<string, string[]> {
    const grants = new Map<string, string[]>()
    const statements: StatementJson[] = statementsOfRole(synth.template, logicalIdOf(fn.role))
    for (const statement of statements) {
      assert.equal(statement.Effect, 'Allow')
      for (const resource of resourcesOf(statement)) {
        const key =
          resource === '*' ? '*' : ((resource as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] ?? '?')
        grants.set(key, [...(grants.get(key) ?? []), ...actionsOf(statement)].sort())
      }
    }
    return grants
  }

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

  it('lets publish put, get and query the events table, encrypt with its key and write its own logs, nothing more', () => {
    const { eventStore, publishFunction } = synth.stack
    assert.deepEqual(
      grantsOf(publishFunction),
      new Map([
        [logicalIdOf(publishFunction.logGroup), ['logs:CreateLogStream', 'logs:PutLogEvents']],
        [logicalIdOf(eventStore.table), ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']],
        [logicalIdOf(eventStore.encryptionKey), ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']],
        ['*', XRAY_ACTIONS],
      ]),
    )
  })

  it('lets read only get and query the events table and decrypt with its key', () => {
    const { eventStore, readFunction } = synth.stack
    assert.deepEqual(
      grantsOf(readFunction),
      new Map([
        [logicalIdOf(readFunction.logGroup), ['logs:CreateLogStream', 'logs:PutLogEvents']],
        [logicalIdOf(eventStore.table), ['dynamodb:GetItem', 'dynamodb:Query']],
        [logicalIdOf(eventStore.encryptionKey), ['kms:Decrypt']],
        ['*', XRAY_ACTIONS],
      ]),
    )
  })

  it('grants on the table itself, never on its indexes or stream', () => {
    const table = logicalIdOf(synth.stack.eventStore.table)
    for (const statement of allIdentityStatements(synth.template)) {
      const text = JSON.stringify(statement.Resource)
      if (!text.includes(table)) continue
      assert.deepEqual(resourcesOf(statement), [arnOf(table)])
    }
  })

  it('opens the table key to no principal outside the account', () => {
    const [key] = Object.values(resourcesOfType(synth.template, 'AWS::KMS::Key'))
    const policy = key?.Properties.KeyPolicy as { Statement: StatementJson[] }
    for (const statement of policy.Statement) {
      assert.notEqual(statement.Principal, '*')
      assert.match(JSON.stringify(statement.Principal), /:root/)
    }
  })
})
