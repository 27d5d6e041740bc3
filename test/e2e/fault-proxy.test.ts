/**
 * The fault injector the outage tests rely on: transparent until switched, then a 503
 * ServiceUnavailable that the real SDK clients read as AWS's own (query XML for SNS, JSON for SQS).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns'
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs'
import { localClientConfig } from '../../infra/local/clients.ts'
import { type FaultProxy, startFaultProxy } from '../../infra/local/faults/index.ts'
import { startTestSnsSqs, type TestSnsSqs } from '../helpers/sns-sqs.ts'

const clientConfig = (endpoint: string) => ({
  ...localClientConfig(endpoint),
  // One attempt: the test looks at the error itself, not at the SDK's retries.
  maxAttempts: 1,
})

describe('fault proxy in front of the SNS/SQS engine', () => {
  let engine: TestSnsSqs
  let proxy: FaultProxy
  let sns: SNSClient
  let sqs: SQSClient
  before(async () => {
    engine = await startTestSnsSqs()
    proxy = await startFaultProxy({ target: engine.engine.endpoint })
    sns = new SNSClient(clientConfig(proxy.url))
    sqs = new SQSClient(clientConfig(proxy.url))
  })
  after(async () => {
    sns?.destroy()
    sqs?.destroy()
    await proxy?.stop()
    await engine?.stop()
  })

  it('forwards requests unchanged until it is told to fail', async () => {
    const { Topics } = await sns.send(new ListTopicsCommand({}))
    assert.ok(Array.isArray(Topics))
    await sqs.send(new ListQueuesCommand({}))
    assert.equal(proxy.stats().forwarded, 2)
  })

  it('answers SNS (query protocol) with a 503 ServiceUnavailable the SDK recognises', async () => {
    proxy.fail()
    const error = await sns.send(new ListTopicsCommand({})).catch((e: unknown) => e)
    proxy.recover()
    assert.ok(error instanceof Error)
    assert.equal(error.name, 'ServiceUnavailable')
    assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 503)
    assert.equal((error as { $fault?: string }).$fault, 'server')
  })

  it('answers SQS (JSON protocol) with a 503 ServiceUnavailable the SDK recognises', async () => {
    proxy.fail()
    const error = await sqs.send(new ListQueuesCommand({})).catch((e: unknown) => e)
    proxy.recover()
    assert.ok(error instanceof Error)
    assert.equal(error.name, 'ServiceUnavailable')
    assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 503)
  })

  it('forwards again once recovered and counts what it rejected', async () => {
    await sns.send(new ListTopicsCommand({}))
    assert.equal(proxy.mode(), 'pass')
    assert.equal(proxy.stats().rejected, 2)
  })
})
