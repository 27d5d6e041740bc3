import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createLambdaHost, type LambdaHost } from '../../infra/local/lambda/host.ts'
import type { FunctionDefinition, InvokeResult } from '../../infra/local/lambda/types.ts'

const entry = fileURLToPath(new URL('../fixtures/functions/probe.ts', import.meta.url))
const logged: string[] = []

function define(name: string, handler: string, extra: Partial<FunctionDefinition> = {}): FunctionDefinition {
  return { name, entry, handler, ...extra }
}

function resultOf(outcome: InvokeResult): unknown {
  assert.equal(outcome.ok, true, `expected a result, got ${JSON.stringify(outcome)}`)
  return outcome.ok ? outcome.result : undefined
}

describe('local Lambda host', () => {
  let host: LambdaHost

  before(() => {
    host = createLambdaHost({
      region: 'eu-west-1',
      log: (line) => logged.push(line),
      hostEnv: { AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566', HOST_ONLY_SECRET: 'leak' },
    })
  })
  after(() => host.close())

  it('returns the handler result for an event, with a Lambda-like context', async () => {
    host.register(define('echo-fn', 'echo', { memoryMb: 256 }))
    const { event, context } = resultOf(await host.invoke('echo-fn', { orderId: 'o-1' })) as {
      event: unknown
      context: Record<string, unknown>
    }
    assert.deepEqual(event, { orderId: 'o-1' })
    assert.match(String(context.awsRequestId), /^[0-9a-f-]{36}$/)
    assert.equal(context.functionName, 'echo-fn')
    assert.equal(context.functionVersion, '$LATEST')
    assert.equal(context.invokedFunctionArn, 'arn:aws:lambda:eu-west-1:000000000000:function:echo-fn')
    assert.equal(context.memoryLimitInMB, '256')
    assert.equal(context.logGroupName, '/aws/lambda/echo-fn')
    assert.match(String(context.logStreamName), /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/)
    assert.equal(context.callbackWaitsForEmptyEventLoop, true)
    const remaining = Number(context.remainingTimeInMillis)
    assert.ok(remaining > 0 && remaining <= 3000, `remaining time ${remaining}`)
  })

  it('reports a thrown error with its type, message and stack trace', async () => {
    host.register(define('fail-fn', 'fail'))
    const outcome = await host.invoke('fail-fn', { reason: 'out of stock' })
    assert.equal(outcome.ok, false)
    if (outcome.ok) return
    assert.equal(outcome.error.errorType, 'OrderRejectedError')
    assert.equal(outcome.error.errorMessage, 'out of stock')
    assert.match(outcome.error.trace?.[0] ?? '', /OrderRejectedError: out of stock/)
    assert.equal(host.stats()['fail-fn']?.errors, 1)
  })

  it('reports a hanging handler as Sandbox.Timedout and serves the next invocation', async () => {
    host.register(define('hang-fn', 'hang', { timeoutSeconds: 1 }))
    const outcome = await host.invoke('hang-fn', {})
    assert.deepEqual(outcome, {
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' },
    })
    host.register(define('after-hang-fn', 'echo', { timeoutSeconds: 1 }))
    assert.deepEqual((resultOf(await host.invoke('after-hang-fn', { n: 2 })) as { event: unknown }).event, {
      n: 2,
    })
    const second = await host.invoke('hang-fn', {})
    assert.equal(second.ok ? 'ok' : second.error.errorType, 'Sandbox.Timedout')
    assert.deepEqual(host.stats()['hang-fn'], {
      invocations: 2,
      errors: 2,
      running: 0,
      queued: 0,
      environments: 0,
    })
  })

  it('reports process.exit in a handler as Runtime.ExitError and starts a fresh environment', async () => {
    host.register(define('exit-fn', 'exit'))
    const outcome = await host.invoke('exit-fn', {})
    assert.equal(outcome.ok ? 'ok' : outcome.error.errorType, 'Runtime.ExitError')
    assert.match(outcome.ok ? '' : outcome.error.errorMessage, /Runtime exited with error: exit status 2/)
    const again = await host.invoke('exit-fn', {})
    assert.equal(again.ok ? 'ok' : again.error.errorType, 'Runtime.ExitError')
  })

  it('reports running out of memory as Runtime.ExitError', async () => {
    host.register(define('oom-fn', 'oom', { memoryMb: 128, timeoutSeconds: 30 }))
    const outcome = await host.invoke('oom-fn', {})
    assert.equal(outcome.ok ? 'ok' : outcome.error.errorType, 'Runtime.ExitError')
    assert.match(outcome.ok ? '' : outcome.error.errorMessage, /memory/)
  })

  it('reports a result JSON cannot represent as an error', async () => {
    host.register(define('bigint-fn', 'bigint'))
    const outcome = await host.invoke('bigint-fn', {})
    assert.equal(outcome.ok ? 'ok' : outcome.error.errorType, 'Runtime.JSONStringifyError')
  })

  it('reports a missing handler export as Runtime.HandlerNotFound', async () => {
    host.register(define('missing-fn', 'nope'))
    const outcome = await host.invoke('missing-fn', {})
    assert.deepEqual(outcome, {
      ok: false,
      error: {
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'probe.nope is undefined or not exported',
      },
    })
  })

  it('reports an error thrown while the module initialises as it is, and a missing module as Runtime.ImportModuleError', async () => {
    const failingInit = fileURLToPath(new URL('../fixtures/functions/failing-init.ts', import.meta.url))
    host.register({ name: 'init-fail-fn', entry: failingInit })
    const outcome = await host.invoke('init-fail-fn', {})
    assert.equal(outcome.ok ? 'ok' : outcome.error.errorType, 'MissingSettingError')
    host.register({ name: 'init-ok-fn', entry: failingInit, environment: { REQUIRED_SETTING: 'yes' } })
    assert.equal(resultOf(await host.invoke('init-ok-fn', {})), 'configured')
    host.register({
      name: 'no-module-fn',
      entry: fileURLToPath(new URL('../fixtures/functions/absent.ts', import.meta.url)),
    })
    const missing = await host.invoke('no-module-fn', {})
    assert.equal(missing.ok ? 'ok' : missing.error.errorType, 'Runtime.ImportModuleError')
  })

  it('gives each function its own environment and Lambda variables, and nothing else of the host', async () => {
    host.register(define('env-a', 'env', { environment: { TABLE: 'a-table', AWS_REGION: 'ignored' } }))
    host.register(
      define('env-b', 'env', { environment: { TABLE: 'b-table', AWS_ENDPOINT_URL_SQS: 'http://own:1' } }),
    )
    const keys = [
      'TABLE',
      'WRITTEN_BY',
      'HOST_ONLY_SECRET',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_LAMBDA_FUNCTION_NAME',
      'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
      'AWS_LAMBDA_FUNCTION_VERSION',
      'AWS_LAMBDA_LOG_GROUP_NAME',
      'AWS_EXECUTION_ENV',
      '_HANDLER',
      'AWS_ACCESS_KEY_ID',
      'AWS_ENDPOINT_URL_SQS',
    ]
    const a = resultOf(await host.invoke('env-a', { keys })) as Record<string, unknown>
    const b = resultOf(await host.invoke('env-b', { keys })) as Record<string, unknown>
    assert.deepEqual(a, {
      TABLE: 'a-table',
      WRITTEN_BY: null,
      HOST_ONLY_SECRET: null,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'env-a',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/env-a',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      _HANDLER: 'probe.env',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566',
    })
    assert.equal(b.TABLE, 'b-table')
    assert.equal(b.WRITTEN_BY, null, 'env-a wrote WRITTEN_BY into its own environment only')
    assert.equal(b.AWS_ENDPOINT_URL_SQS, 'http://own:1')
    const again = resultOf(await host.invoke('env-a', { keys: ['WRITTEN_BY'] }))
    assert.deepEqual(again, { WRITTEN_BY: 'env-a' }, 'a warm environment keeps its own writes')
  })

  it('keeps an execution environment warm: the module loads once and serves the next invocation', async () => {
    host.register(define('warm-fn', 'warm'))
    const first = resultOf(await host.invoke('warm-fn', {})) as { count: number; threadId: number }
    const second = resultOf(await host.invoke('warm-fn', {})) as { count: number; threadId: number }
    assert.equal(first.count, 1)
    assert.equal(second.count, 2)
    assert.equal(second.threadId, first.threadId)
  })

  it('queues invocations beyond the function concurrency instead of starting more environments', async () => {
    host.register(define('slow-fn', 'slow', { concurrency: 2 }))
    const pending = Array.from({ length: 5 }, () => host.invoke('slow-fn', { ms: 50 }))
    assert.deepEqual(host.stats()['slow-fn'], {
      invocations: 5,
      errors: 0,
      running: 2,
      queued: 3,
      environments: 2,
    })
    const outcomes = await Promise.all(pending)
    const threads = new Set(outcomes.map((outcome) => (resultOf(outcome) as { threadId: number }).threadId))
    assert.equal(threads.size, 2)
    assert.deepEqual(host.stats()['slow-fn'], {
      invocations: 5,
      errors: 0,
      running: 0,
      queued: 0,
      environments: 2,
    })
  })

  it('runs an Event invocation in the background and counts its failure', async () => {
    host.register(define('async-fail-fn', 'fail'))
    host.invokeAsync('async-fail-fn', { reason: 'later' })
    assert.equal(host.stats()['async-fail-fn']?.invocations, 1)
    while (host.stats()['async-fail-fn']?.errors !== 1)
      await new Promise((resolve) => setTimeout(resolve, 20))
    assert.ok(logged.some((line) => line.includes('async-fail-fn') && line.includes('later')))
  })

  it('rejects an unknown function and a duplicate registration with typed errors', async () => {
    await assert.rejects(host.invoke('no-such-fn', {}), { name: 'FunctionNotFoundError' })
    assert.throws(() => host.invokeAsync('no-such-fn', {}), { name: 'FunctionNotFoundError' })
    assert.throws(() => host.register(define('echo-fn', 'echo')), { name: 'FunctionAlreadyRegisteredError' })
    assert.throws(() => host.register(define('bad fn', 'echo', { timeoutSeconds: 0 })), {
      name: 'InvalidFunctionDefinitionError',
    })
  })
})
