/**
 * What `cdk deploy` creates and what `npm start` runs, compared one by one: every function (timeout,
 * memory, variables), every HTTP route, every event source mapping, every consumer queue and every
 * subscription with its filter policy. Both sides build from one catalogue; this proves it.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { backbone } from '../../functions/backbone.ts'
import type { BackboneDeclaration } from '../../shared/topology/declaration.ts'
import { type DeploymentView, differences, localView, templateView } from '../helpers/deployment-views.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { SKIP_BUNDLING, synthBackbone } from '../helpers/synth.ts'

function synthView(declaration: BackboneDeclaration): DeploymentView {
  const synth = synthBackbone(SKIP_BUNDLING, { backbone: declaration })
  try {
    return templateView(synth.template, synth.stack)
  } finally {
    synth.dispose()
  }
}

describe('the CDK stack and the local runtime', () => {
  let t: TestStack
  let local: DeploymentView
  let deployed: DeploymentView
  before(async () => {
    t = await startTestStack()
    local = await localView(t.stack, t.sqs)
    deployed = synthView(backbone)
  })
  after(() => t?.stop())

  it('run the same functions with the same timeouts, memory and variables', () => {
    assert.deepEqual(Object.keys(deployed.functions).sort(), Object.keys(local.functions).sort())
    assert.ok(
      Object.keys(local.functions).length >= 7,
      'publish, read, relay, redrive, replay and the consumers',
    )
    assert.deepEqual(differences({ ...deployed, routes: [] }, { ...local, routes: [] }), [])
  })

  it('answer the same HTTP routes with the same functions', () => {
    assert.deepEqual(deployed.routes, local.routes)
    assert.ok(local.routes.includes('POST /streams/{streamId}/events -> publish'))
    assert.ok(local.routes.includes('$default -> read'))
  })

  it('map the same event sources with the same settings, and build the same queues and subscriptions', () => {
    assert.deepEqual(deployed.mappings, local.mappings)
    assert.deepEqual(deployed.queues, local.queues)
    assert.deepEqual(deployed.subscriptions, local.subscriptions)
    assert.deepEqual(local.subscriptions['shipping-notifier']?.filterPolicy, { type: ['OrderShipped'] })
  })

  it('are told apart when a timeout, a route or a filter policy changes on one side only', () => {
    const [first, ...rest] = backbone.consumers
    const changed = synthView({
      ...backbone,
      consumers: [
        { ...first, timeoutSeconds: first.timeoutSeconds + 1, filterPolicy: { type: ['OrderPaid'] } },
        ...rest,
      ],
    })
    changed.routes = changed.routes.filter((r) => !r.startsWith('GET /streams/{streamId} '))
    const found = differences(changed, local).join('\n')
    assert.match(found, /functions\.order-summary\.timeoutSeconds: template 11, local 10/)
    assert.match(found, /subscriptions\.order-summary\.filterPolicy/)
    assert.match(found, /routes: /)
    assert.match(found, /queues\.order-summary\.visibilityTimeout: template 66, local 60/)
  })
})
