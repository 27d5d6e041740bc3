import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import {
  createLocalJwtAuthorizer,
  jwtAuthorizer,
  type LocalJwtAuthorizer,
} from '../../infra/local/http-api/authorizers/index.ts'
import { type RunningServer, startHttpApi } from '../../infra/local/http-api/index.ts'
import { createLambdaHost, type LambdaHost } from '../../infra/local/lambda/host.ts'

type Json = Record<string, unknown>

const httpFixture = fileURLToPath(new URL('../fixtures/functions/http.ts', import.meta.url))
const probeFixture = fileURLToPath(new URL('../fixtures/functions/probe.ts', import.meta.url))
const awsSample = JSON.parse(
  await readFile(new URL('../fixtures/aws-events/apigw-http-no-auth.json', import.meta.url), 'utf8'),
) as Json

/** Keys API Gateway only sends when the request has them. */
const OPTIONAL_KEYS = ['body', 'cookies', 'pathParameters', 'queryStringParameters']

function assertSameShape(actual: Json, sample: Json, path = 'event'): void {
  for (const [key, value] of Object.entries(sample)) {
    if (key === 'authorizer') continue
    assert.ok(key in actual, `${path}.${key} is missing`)
    assert.equal(typeof actual[key], typeof value, `${path}.${key} has another type`)
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && key !== 'headers') {
      assertSameShape(actual[key] as Json, value as Json, `${path}.${key}`)
    }
  }
  const extra = Object.keys(actual).filter((key) => !(key in sample) && !OPTIONAL_KEYS.includes(key))
  assert.deepEqual(extra, [], `${path} has keys API Gateway does not send`)
}

describe('local HTTP API', () => {
  let host: LambdaHost
  let api: RunningServer
  let bare: RunningServer
  let secured: RunningServer
  let jwt: LocalJwtAuthorizer
  const logged: string[] = []
  const log = (line: string) => logged.push(line)

  before(async () => {
    host = createLambdaHost({ log })
    host.register({ name: 'echo', entry: httpFixture, handler: 'echoEvent' })
    host.register({ name: 'respond', entry: httpFixture, handler: 'respond' })
    host.register({ name: 'fail', entry: probeFixture, handler: 'fail' })
    const invoke = host.invoke
    api = await startHttpApi({
      log,
      invoke,
      routes: [
        { routeKey: 'GET /streams/{streamId}', functionName: 'echo' },
        { routeKey: 'POST /streams/{streamId}/events', functionName: 'echo' },
        { routeKey: 'ANY /files/{proxy+}', functionName: 'echo' },
        { routeKey: 'POST /respond', functionName: 'respond' },
        { routeKey: 'POST /fail', functionName: 'fail' },
        { routeKey: '$default', functionName: 'echo' },
      ],
    })
    bare = await startHttpApi({
      log,
      invoke,
      routes: [{ routeKey: 'POST /respond', functionName: 'respond' }],
    })
    jwt = await createLocalJwtAuthorizer('urn:test:issuer', 'test-api')
    secured = await startHttpApi({
      log,
      invoke,
      authorizer: jwtAuthorizer(jwt),
      routes: [{ routeKey: 'GET /me', functionName: 'echo' }],
    })
  })
  after(async () => {
    await Promise.all([api.stop(), bare.stop(), secured.stop()])
    await host.close()
  })

  async function respondWith(result: unknown): Promise<Response> {
    return fetch(`${api.url}/respond`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result }),
    })
  }

  it('turns a GET with a query string into a payload 2.0 event shaped like API Gateway', async () => {
    const res = await fetch(`${api.url}/streams/order%2D1?atVersion=2&tag=a&tag=b`, {
      headers: { cookie: 'session=abc; theme=dark', 'x-custom': 'one', 'user-agent': 'tests/1.0' },
    })
    assert.equal(res.status, 200)
    const event = (await res.json()) as Json
    assertSameShape(event, awsSample)
    assert.equal(event.routeKey, 'GET /streams/{streamId}')
    assert.equal(event.rawPath, '/streams/order%2D1')
    assert.equal(event.rawQueryString, 'atVersion=2&tag=a&tag=b')
    assert.deepEqual(event.pathParameters, { streamId: 'order-1' })
    assert.deepEqual(event.queryStringParameters, { atVersion: '2', tag: 'a,b' })
    assert.deepEqual(event.cookies, ['session=abc', 'theme=dark'])
    const headers = event.headers as Json
    assert.equal(headers['x-custom'], 'one')
    assert.equal(headers.cookie, undefined)
    assert.equal('body' in event, false)
    assert.equal(event.isBase64Encoded, false)
    const context = event.requestContext as Json
    assert.deepEqual(context.http, {
      method: 'GET',
      path: '/streams/order%2D1',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'tests/1.0',
    })
    assert.equal(context.stage, '$default')
    assert.match(String(context.time), /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/)
    assert.equal(res.headers.get('apigw-requestid'), context.requestId)
  })

  it('passes a JSON body as plain text and a binary body base64-encoded', async () => {
    const json = JSON.stringify({ events: [{ type: 'OrderPlaced', data: { orderId: 'o-1' } }] })
    const res = await fetch(`${api.url}/streams/order-1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    })
    const event = (await res.json()) as Json
    assertSameShape(event, awsSample)
    assert.equal(event.routeKey, 'POST /streams/{streamId}/events')
    assert.equal(event.body, json)
    assert.equal(event.isBase64Encoded, false)
    assert.equal((event.headers as Json)['content-type'], 'application/json')
    const bytes = Buffer.from([0, 159, 146, 150, 255])
    const binary = (await (
      await fetch(`${api.url}/streams/order-1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      })
    ).json()) as Json
    assert.equal(binary.isBase64Encoded, true)
    assert.equal(binary.body, bytes.toString('base64'))
  })

  it('fills a greedy path parameter and sends unmatched requests to $default', async () => {
    const greedy = (await (await fetch(`${api.url}/files/a/b/c.txt`, { method: 'DELETE' })).json()) as Json
    assert.equal(greedy.routeKey, 'ANY /files/{proxy+}')
    assert.deepEqual(greedy.pathParameters, { proxy: 'a/b/c.txt' })
    const fallback = (await (await fetch(`${api.url}/nowhere/else`)).json()) as Json
    assert.equal(fallback.routeKey, '$default')
    assert.equal('pathParameters' in fallback, false)
  })

  it('maps a statusCode result to the status, headers, cookies and body', async () => {
    const res = await respondWith({
      statusCode: 201,
      headers: { 'content-type': 'text/plain', 'x-order': 'o-1' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: 'created',
    })
    assert.equal(res.status, 201)
    assert.equal(res.headers.get('x-order'), 'o-1')
    assert.deepEqual(res.headers.getSetCookie(), ['a=1; Path=/', 'b=2'])
    assert.equal(await res.text(), 'created')
    const binary = await respondWith({
      statusCode: 200,
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    })
    assert.deepEqual(new Uint8Array(await binary.arrayBuffer()), new Uint8Array([1, 2, 3]))
  })

  it('answers 200 with a JSON body when the result has no statusCode', async () => {
    const object = await respondWith({ orderId: 'o-1', total: 3 })
    assert.equal(object.status, 200)
    assert.equal(object.headers.get('content-type'), 'application/json')
    assert.deepEqual(await object.json(), { orderId: 'o-1', total: 3 })
    const text = await respondWith('hello')
    assert.equal(text.status, 200)
    assert.equal(await text.text(), 'hello')
  })

  it('answers 500 Internal Server Error when the function fails or returns a malformed response', async () => {
    const failed = await fetch(`${api.url}/fail`, { method: 'POST', body: '{}' })
    assert.equal(failed.status, 500)
    assert.deepEqual(await failed.json(), { message: 'Internal Server Error' })
    const malformed = await respondWith({ statusCode: 200, body: { not: 'a string' } })
    assert.equal(malformed.status, 500)
    assert.ok(logged.some((line) => line.includes('body must be a string')))
  })

  it('answers 404 Not Found for a route that does not exist and there is no $default', async () => {
    const res = await fetch(`${bare.url}/streams/x`)
    assert.equal(res.status, 404)
    assert.deepEqual(await res.json(), { message: 'Not Found' })
  })

  it('answers 413 for a body over 10 MB without invoking the function', async () => {
    const before = host.stats().respond?.invocations ?? 0
    const res = await fetch(`${bare.url}/respond`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 97),
    })
    assert.equal(res.status, 413)
    assert.deepEqual(await res.json(), { message: 'Request Entity Too Large' })
    assert.equal(host.stats().respond?.invocations ?? 0, before)
  })

  it('answers 400 to a malformed HTTP request and keeps serving', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(bare.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
      let data = ''
      socket.on('data', (chunk) => {
        data += chunk.toString()
      })
      socket.on('end', () => resolve(data))
      socket.on('error', reject)
    })
    assert.match(reply, /^HTTP\/1\.1 400/)
    assert.equal((await respondWith('still here')).status, 200)
  })

  it('answers 401 Unauthorized without a token, or with a garbled, expired, foreign-signed, wrong-issuer or wrong-audience one', async () => {
    const other = await createLocalJwtAuthorizer('urn:test:issuer', 'test-api')
    const unsigned = (await jwt.devToken()).split('.').slice(0, 2).concat('c2lnbmF0dXJl').join('.')
    const refused = [
      await jwt.devToken({ ttlSeconds: -60 }),
      await other.devToken(),
      unsigned,
      await jwt.devToken({ claims: { iss: 'urn:someone:else' } }),
      await jwt.devToken({ claims: { aud: 'another-api' } }),
    ]
    for (const authorization of [
      undefined,
      'Bearer',
      'Bearer not.a.jwt',
      ...refused.map((t) => `Bearer ${t}`),
    ]) {
      const res = await fetch(`${secured.url}/me`, { headers: authorization ? { authorization } : {} })
      assert.equal(res.status, 401, `authorization ${authorization}`)
      assert.deepEqual(await res.json(), { message: 'Unauthorized' })
    }
  })

  it('refuses at start-up a route key API Gateway would refuse', async () => {
    for (const routeKey of ['/no-method', 'GET /files/{proxy+}/tail', 'GET /bad{param}']) {
      await assert.rejects(
        startHttpApi({ invoke: host.invoke, routes: [{ routeKey, functionName: 'echo' }] }),
        {
          name: 'InvalidRouteKeyError',
        },
      )
    }
  })

  it('passes the verified JWT claims and scopes to the function as API Gateway does', async () => {
    const token = await jwt.devToken({
      subject: 'u-1',
      ttlSeconds: 600,
      scopes: ['orders/read', 'orders/write'],
      claims: { 'cognito:groups': ['admin', 'ops'] },
    })
    const { exp, iat } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Json
    const authorization = `Bearer ${token}`
    const event = (await (await fetch(`${secured.url}/me`, { headers: { authorization } })).json()) as Json
    assert.deepEqual((event.requestContext as Json).authorizer, {
      jwt: {
        claims: {
          iss: 'urn:test:issuer',
          aud: 'test-api',
          sub: 'u-1',
          iat: String(iat),
          exp: String(exp),
          'cognito:groups': '[admin ops]',
          scope: 'orders/read orders/write',
        },
        scopes: ['orders/read', 'orders/write'],
      },
    })
  })
})
