import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Logger } from '@aws-lambda-powertools/logger'
import { Metrics } from '@aws-lambda-powertools/metrics'
import * as z from 'zod/mini'
import { VersionConflictError } from '../../shared/errors.ts'
import { type HttpHandler, httpStack } from '../../shared/http/http-stack.ts'
import { jsonResponse } from '../../shared/http/response.ts'
import type { HttpContext } from '../../shared/http/types.ts'
import { bodyOf, headerOf, httpEvent, lambdaContext, postJson } from '../helpers/http-events.ts'

const silent = () => new Logger({ logLevel: 'SILENT' })

// EMF lines stay out of the test output, except where a test enables metrics to assert on them.
process.env.POWERTOOLS_METRICS_DISABLED = 'true'
/** Runs `fn` with metrics enabled (single-metric sets read the variable when they are made). */
const withMetricsEnabled = async <T>(fn: () => Promise<T>): Promise<T> => {
  delete process.env.POWERTOOLS_METRICS_DISABLED
  try {
    return await fn()
  } finally {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true'
  }
}

/** A stack around a handler that echoes what the middleware handed it. */
const stack = (
  handler: HttpHandler = async (event, context) =>
    jsonResponse(200, { body: event.body, c: context.correlation }),
  opts: { jsonBody?: boolean; schemas?: Parameters<typeof httpStack>[1]['schemas']; metrics?: Metrics } = {},
) =>
  httpStack(handler, {
    logger: silent(),
    metrics: opts.metrics ?? new Metrics({ namespace: 'test', serviceName: 'http' }),
    rejectedMetric: 'PublishRejected',
    ...opts,
  })

/** Captures what `fn` writes to stdout and stderr (Powertools Metrics prints EMF and warnings there). */
const captureOutput = async (fn: () => Promise<unknown>): Promise<string> => {
  const streams = [process.stdout, process.stderr]
  const writes = streams.map((s) => s.write)
  let out = ''
  for (const s of streams) {
    s.write = ((chunk: string | Uint8Array) => {
      out += String(chunk)
      return true
    }) as typeof s.write
  }
  try {
    await fn()
  } finally {
    streams.forEach((s, i) => {
      s.write = writes[i] as typeof s.write
    })
  }
  return out
}

describe('HTTP middleware stack', () => {
  it('echoes a well-formed x-correlation-id and hands it to the handler', async () => {
    const result = await stack()(httpEvent({ headers: { 'X-Correlation-Id': 'abc-123' } }), lambdaContext())
    assert.equal(headerOf(result, 'x-correlation-id'), 'abc-123')
    assert.equal((bodyOf(result).c as { correlationId: string }).correlationId, 'abc-123')
  })

  it('falls back to the API Gateway request id when the correlation header is malformed', async () => {
    const result = await stack()(httpEvent({ headers: { 'x-correlation-id': 'bad id\n' } }), lambdaContext())
    assert.equal(headerOf(result, 'x-correlation-id'), 'ZhNHJhhLjoEEPiw=')
  })

  it('continues the caller trace from traceparent, else from the X-Ray header', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00'
    const withW3c = bodyOf(await stack()(httpEvent({ headers: { traceparent } }), lambdaContext()))
    assert.match(
      (withW3c.c as HttpContext['correlation'])?.traceparent ?? '',
      /^00-0af7651916cd43dd8448eb211c80319c-(?!b7ad6b7169203331)[0-9a-f]{16}-00$/,
    )
    // The fixture carries x-amzn-trace-id Root=1-66705bc7-2b4257df30cbee696ef2cf28.
    const withXRay = bodyOf(
      await stack()(httpEvent({ headers: { traceparent: 'garbage' } }), lambdaContext()),
    )
    assert.match(
      (withXRay.c as HttpContext['correlation'])?.traceparent ?? '',
      /^00-66705bc72b4257df30cbee696ef2cf28-[0-9a-f]{16}-01$/,
    )
  })

  it('adds security headers to successes and to problems', async () => {
    const ok = await stack()(httpEvent(), lambdaContext())
    const failed = await stack(async () => {
      throw new Error('boom')
    })(httpEvent(), lambdaContext())
    for (const result of [ok, failed]) {
      assert.equal(headerOf(result, 'x-content-type-options'), 'nosniff')
      assert.ok(headerOf(result, 'strict-transport-security'))
    }
  })

  it('maps a typed domain error to its problem details with instance and correlation id', async () => {
    const result = await stack(async () => {
      throw new VersionConflictError('order-1', 3, 5)
    })(httpEvent({ path: '/streams/order-1/events' }), lambdaContext())
    assert.equal(result.statusCode, 409)
    assert.equal(headerOf(result, 'content-type'), 'application/problem+json')
    const problem = bodyOf(result)
    assert.equal(problem.status, 409)
    assert.equal(problem.title, 'Conflict')
    assert.equal(problem.instance, '/streams/order-1/events')
    assert.equal(problem.correlationId, 'ZhNHJhhLjoEEPiw=')
    assert.equal(problem.expectedVersion, 3)
    assert.equal(problem.actualVersion, 5)
    assert.equal(headerOf(result, 'x-correlation-id'), 'ZhNHJhhLjoEEPiw=')
  })

  it('never shows the message of an unexpected error', async () => {
    const result = await stack(async () => {
      throw new TypeError('Cannot read properties of undefined (reading "secret")')
    })(httpEvent(), lambdaContext())
    assert.equal(result.statusCode, 500)
    assert.doesNotMatch(result.body ?? '', /secret|TypeError/)
  })

  it('parses a base64-encoded JSON body', async () => {
    const body = Buffer.from(JSON.stringify({ a: 1 })).toString('base64')
    const event = postJson('/x', body, { isBase64Encoded: true })
    const result = await stack(undefined, { jsonBody: true })(event, lambdaContext())
    assert.deepEqual(bodyOf(result).body, { a: 1 })
  })

  it('measures the size limit on the decoded body, also for base64', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 'a').toString('base64')
    const result = await stack(undefined, { jsonBody: true })(
      postJson('/x', big, { isBase64Encoded: true }),
      lambdaContext(),
    )
    assert.equal(result.statusCode, 413)
  })

  it('answers 415 when the content type is missing, and 400 for an empty JSON body', async () => {
    const noType = httpEvent({ method: 'POST', body: '{}' })
    delete noType.headers['content-type']
    assert.equal((await stack(undefined, { jsonBody: true })(noType, lambdaContext())).statusCode, 415)
    const empty = postJson('/x', '')
    assert.equal((await stack(undefined, { jsonBody: true })(empty, lambdaContext())).statusCode, 400)
  })

  it('refuses a __proto__ key with 422 naming it', async () => {
    const result = await stack(undefined, { jsonBody: true })(
      postJson('/x', '{"__proto__": {"polluted": true}}'),
      lambdaContext(),
    )
    assert.equal(result.statusCode, 422)
    assert.deepEqual(bodyOf(result).errors, [
      { path: '__proto__', message: 'this key is not allowed (prototype pollution)' },
    ])
  })

  it('refuses a constructor.prototype key and a \\u-escaped __proto__ key with 422 naming each', async () => {
    const handler = stack(undefined, { jsonBody: true })
    const viaConstructor = await handler(
      postJson('/x', '{"a": {"constructor": {"prototype": {"polluted": true}}}}'),
      lambdaContext(),
    )
    assert.equal(viaConstructor.statusCode, 422)
    assert.deepEqual((bodyOf(viaConstructor).errors as { path: string }[])[0]?.path, 'constructor')
    const escaped = await handler(
      postJson('/x', '{"\\u005f\\u005fproto__": {"polluted": true}}'),
      lambdaContext(),
    )
    assert.equal(escaped.statusCode, 422)
    assert.deepEqual((bodyOf(escaped).errors as { path: string }[])[0]?.path, '__proto__')
    assert.equal(({} as { polluted?: boolean }).polluted, undefined)
  })

  it('accepts a +json content type and keeps ordinary keys named like the forbidden ones in values', async () => {
    const event = postJson('/x', '{"note": "__proto__ and constructor are fine as values"}')
    event.headers['content-type'] = 'application/cloudevents+json; charset=utf-8'
    const result = await stack(undefined, { jsonBody: true })(event, lambdaContext())
    assert.deepEqual(bodyOf(result).body, { note: '__proto__ and constructor are fine as values' })
  })

  it('answers 400 naming a bad query parameter and 422 naming bad body fields', async () => {
    const schemas = {
      queryStringParameters: z.object({ limit: z.string().check(z.regex(/^\d+$/)) }),
      body: z.object({ items: z.array(z.object({ n: z.number() })) }),
    }
    const handler = stack(undefined, { jsonBody: true, schemas })
    const badQuery = await handler(
      postJson('/x', { items: [] }, { query: { limit: 'ten' } }),
      lambdaContext(),
    )
    assert.equal(badQuery.statusCode, 400)
    assert.deepEqual(
      (bodyOf(badQuery).errors as { path: string }[]).map((e) => e.path),
      ['limit'],
    )
    const badBody = await handler(
      postJson('/x', { items: [{ n: 'one' }] }, { query: { limit: '10' } }),
      lambdaContext(),
    )
    assert.equal(badBody.statusCode, 422)
    assert.deepEqual(
      (bodyOf(badBody).errors as { path: string }[]).map((e) => e.path),
      ['items[0].n'],
    )
  })

  it('requires the method scope of JWT-authorized requests, from jwt.scopes or the scope claim', async () => {
    const read = (scopes: string[] | null) => httpEvent({ auth: 'jwt', scopes })
    assert.equal((await stack()(read(['events/write']), lambdaContext())).statusCode, 403)
    assert.equal((await stack()(read(['events/read']), lambdaContext())).statusCode, 200)
    const claim = read(null)
    const jwt = claim.requestContext.authorizer?.jwt
    if (jwt?.claims) jwt.claims.scope = 'openid events/read'
    assert.equal((await stack()(claim, lambdaContext())).statusCode, 200)
  })

  it('lets requests without a JWT through: IAM-authorized and unauthenticated routes', async () => {
    assert.equal((await stack()(httpEvent({ auth: 'iam' }), lambdaContext())).statusCode, 200)
    assert.equal((await stack()(httpEvent({ auth: 'none' }), lambdaContext())).statusCode, 200)
  })

  it('emits one EMF PublishRejected metric with the status as dimension for a rejected request', async () => {
    const out = await withMetricsEnabled(() =>
      captureOutput(() => stack(undefined, { jsonBody: true })(postJson('/x', '{nope'), lambdaContext())),
    )
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const rejected = lines.filter((l) => l.PublishRejected === 1)
    assert.equal(rejected.length, 1)
    assert.equal(rejected[0].status, '400')
    assert.deepEqual(rejected[0]._aws.CloudWatchMetrics[0].Dimensions, [['service', 'status']])
  })

  it('emits no metric line for a successful request that recorded none', async () => {
    const out = await withMetricsEnabled(() => captureOutput(() => stack()(httpEvent(), lambdaContext())))
    assert.doesNotMatch(out, /CloudWatchMetrics|No application metrics/)
  })
})
