/**
 * Event Studio pointed at a stack by its outputs alone (`npm run studio -- --outputs ...`): here the
 * local stack plays the deployed one (its clients given the local endpoints), so the test proves that
 * the studio needs nothing but the outputs and credentials.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { pascalCase } from '../../infra/constructs/names.ts'
import { localClientConfig } from '../../infra/local/clients.ts'
import { declaredBackbone } from '../../infra/local/declaration.ts'
import { type Studio, startStudio } from '../../infra/local/studio/server.ts'
import { queueNameOf } from '../../infra/local/studio/trace/topology.ts'
import { awsStudioSources } from '../../scripts/lib/studio-aws.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { newOrder, orderPlaced, publish } from '../helpers/orders.ts'
import { until } from '../helpers/wait.ts'

/** The outputs `cdk deploy --outputs-file` would write for the local stack's resources. */
function outputsOf(t: TestStack): Record<string, string> {
  const outputs: Record<string, string> = {
    ApiUrl: t.stack.urls.http,
    EventsTableName: 'events',
    ReplayJobsTableName: 'replay-jobs',
    RedriveFunctionName: 'redrive',
    ReplayFunctionName: 'replay',
  }
  for (const [name, q] of Object.entries(t.stack.resources.consumerQueues)) {
    outputs[`${pascalCase(name)}QueueName`] = queueNameOf(q.queueUrl)
    outputs[`${pascalCase(name)}DlqName`] = queueNameOf(q.dlqUrl)
  }
  for (const [name, arn] of Object.entries(t.stack.resources.topicArns))
    outputs[`${pascalCase(name)}TopicArn`] = arn
  return outputs
}

describe('Event Studio on a stack known by its outputs', () => {
  let t: TestStack
  let studio: Studio
  let destroy: () => void
  before(async () => {
    t = await startTestStack()
    // The region comes from the topic ARNs; the API client signs with the default chain's credentials.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' })
    const sources = await awsStudioSources(
      outputsOf(t),
      declaredBackbone,
      {},
      {
        sqs: localClientConfig(t.stack.urls.aws),
        dynamodb: localClientConfig(t.stack.urls.dynamodb),
        lambda: localClientConfig(t.stack.urls.lambda),
      },
    )
    destroy = sources.destroy
    studio = await startStudio({ port: 0, sources })
  })
  after(async () => {
    await studio?.stop()
    destroy?.()
    await t?.stop()
  })

  const get = async (path: string) => {
    const response = await fetch(`${studio.url}${path}`)
    return { status: response.status, body: (await response.json()) as unknown }
  }

  it('reads recent events and a folded state through the time index and the HTTP API', async () => {
    const order = newOrder()
    const [placed] = await publish(t.stack.urls.http, order.streamId, [orderPlaced(order.orderId)])
    const recent = await until(
      'the event in the time index',
      () => get('/api/recent'),
      (r) => JSON.stringify(r.body).includes(String(placed?.id)),
    )
    assert.equal(recent.status, 200)
    const state = await get(`/api/streams/${order.streamId}/state?atVersion=1`)
    assert.equal(state.status, 200)
    assert.equal((state.body as { state: { status: string } }).state.status, 'placed')
  })

  it('lists every consumer’s DLQ and redrives through the redrive function', async () => {
    const dlqs = (await get('/api/dead-letters')).body as Array<{ consumer: string }>
    assert.deepEqual(dlqs.map((d) => d.consumer).sort(), declaredBackbone.consumers.map((c) => c.name).sort())
    const token =
      /name="studio-token" content="([^"]+)"/.exec(await (await fetch(studio.url)).text())?.[1] ?? ''
    const response = await fetch(`${studio.url}/api/dead-letters/order-summary/redrive`, {
      method: 'POST',
      headers: { origin: studio.url, 'x-studio-token': token, 'content-type': 'application/json' },
      body: '{}',
    })
    assert.equal(response.status, 200)
    assert.equal(((await response.json()) as { consumer: string }).consumer, 'order-summary')
  })

  it('answers that the trace is the local runtime’s, with a 404 naming the field', async () => {
    const { status, body } = await get('/api/trace/some-event')
    assert.equal(status, 404)
    assert.match(String((body as { detail?: string }).detail), /eventId: .*local runtime/)
  })
})
