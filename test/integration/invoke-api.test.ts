import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { localClientConfig } from '../../infra/local/clients.ts'
import { type RunningServer, startInvokeApi } from '../../infra/local/invoke-api/index.ts'
import { createLambdaHost, type LambdaHost } from '../../infra/local/lambda/host.ts'

const entry = fileURLToPath(new URL('../fixtures/functions/probe.ts', import.meta.url))

function payload(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value))
}

/** Matches an SDK error by its name, HTTP status and (optionally) message. */
function awsError(name: string, status: number, message?: string) {
  return (error: { name: string; message: string; $metadata: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name)
    assert.equal(error.$metadata.httpStatusCode, status)
    if (message !== undefined) assert.equal(error.message, message)
    return true
  }
}

function parse(bytes: Uint8Array | undefined): unknown {
  return JSON.parse(Buffer.from(bytes ?? []).toString('utf8'))
}

describe('local Lambda Invoke API', () => {
  let host: LambdaHost
  let api: RunningServer
  let lambda: LambdaClient

  before(async () => {
    host = createLambdaHost({ log: () => {} })
    host.register({ name: 'echo', entry, handler: 'echo' })
    host.register({ name: 'fail', entry, handler: 'fail' })
    host.register({ name: 'background', entry, handler: 'warm' })
    api = await startInvokeApi({ lambda: host, status: async () => ({ functions: host.stats() }) })
    lambda = new LambdaClient(localClientConfig(api.url))
  })
  after(async () => {
    lambda.destroy()
    await api.stop()
    await host.close()
  })

  it('returns the function result for a RequestResponse invocation by name or ARN', async () => {
    for (const FunctionName of ['echo', 'arn:aws:lambda:us-east-1:000000000000:function:echo']) {
      const out = await lambda.send(new InvokeCommand({ FunctionName, Payload: payload({ orderId: 'o-1' }) }))
      assert.equal(out.StatusCode, 200)
      assert.equal(out.ExecutedVersion, '$LATEST')
      assert.equal(out.FunctionError, undefined)
      assert.deepEqual((parse(out.Payload) as { event: unknown }).event, { orderId: 'o-1' })
    }
  })

  it('reports a function error with X-Amz-Function-Error: Unhandled and the error body', async () => {
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: 'fail', Payload: payload({ reason: 'no stock' }) }),
    )
    assert.equal(out.StatusCode, 200)
    assert.equal(out.FunctionError, 'Unhandled')
    const error = parse(out.Payload) as { errorType: string; errorMessage: string; trace: string[] }
    assert.equal(error.errorType, 'OrderRejectedError')
    assert.equal(error.errorMessage, 'no stock')
    assert.ok(error.trace.length > 0)
  })

  it('answers ResourceNotFoundException (404) for an unknown function or version', async () => {
    await assert.rejects(
      lambda.send(new InvokeCommand({ FunctionName: 'nope', Payload: payload({}) })),
      awsError(
        'ResourceNotFoundException',
        404,
        'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope',
      ),
    )
    await assert.rejects(
      lambda.send(new InvokeCommand({ FunctionName: 'echo', Qualifier: '7' })),
      awsError(
        'ResourceNotFoundException',
        404,
        'Function not found: arn:aws:lambda:us-east-1:000000000000:function:echo:7',
      ),
    )
  })

  it('accepts an Event invocation with 202 and runs it in the background', async () => {
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: 'background', InvocationType: 'Event', Payload: payload({}) }),
    )
    assert.equal(out.StatusCode, 202)
    assert.equal(Buffer.from(out.Payload ?? []).length, 0)
    assert.equal(host.stats().background?.invocations, 1)
    while (host.stats().background?.running !== 0) await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(host.stats().background?.errors, 0)
  })

  it('answers a DryRun with 204 without running the function', async () => {
    const before = host.stats().echo?.invocations
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }))
    assert.equal(out.StatusCode, 204)
    assert.equal(host.stats().echo?.invocations, before)
  })

  it('answers InvalidRequestContentException (400) for a payload that is not JSON', async () => {
    await assert.rejects(
      lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{not json') })),
      awsError('InvalidRequestContentException', 400),
    )
  })

  it('serves the runtime status as JSON on /_local/status', async () => {
    const res = await fetch(`${api.url}/_local/status`)
    assert.equal(res.status, 200)
    const status = (await res.json()) as { functions: Record<string, { invocations: number }> }
    assert.deepEqual(Object.keys(status.functions).sort(), ['background', 'echo', 'fail'])
    assert.equal(typeof status.functions.echo?.invocations, 'number')
  })
})
