/**
 * The typed publisher client against the local HTTP API behind each authorizer API Gateway offers:
 * IAM (SigV4, the stack's default) and JWT. It publishes, reads, folds and handles a conflict; what is
 * unsigned, wrongly signed, expired or for another audience is refused and stores nothing.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { DomainEvents } from '../../functions/domain.ts'
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/clients.ts'
import { createBackboneClient, type PublishEvent } from '../../shared/client/backbone-client.ts'
import {
  BackboneUnreachableError,
  EventValidationError,
  NotAuthorizedError,
  ProblemError,
  StreamVersionConflictError,
} from '../../shared/client/errors.ts'
import { type LocalApi, startLocalApi } from '../helpers/local-api.ts'

const placed = (orderId: string): PublishEvent<DomainEvents> => ({
  type: 'OrderPlaced',
  data: {
    orderId,
    customerId: 'c-1',
    items: [{ sku: 'sku-1', quantity: 1, unitPrice: 4.5 }],
    currency: 'EUR',
  },
})
const paid = (orderId: string): PublishEvent<DomainEvents> => ({
  type: 'OrderPaid',
  data: { orderId, amount: 4.5, currency: 'EUR' },
})

/** Compile-time checks: the client refuses an unknown type and wrong data. Never called. */
export function typeChecks() {
  const client = createBackboneClient<DomainEvents>({ url: 'http://127.0.0.1:1' })
  // @ts-expect-error an event type the deployment does not declare
  void client.publish('order-1', [{ type: 'OrderRefunded', data: {} }])
  const wrong = { type: 'OrderPaid' as const, data: { orderId: '1', amount: '5', currency: 'EUR' } }
  // @ts-expect-error OrderPaid's amount is a number
  void client.publish('order-1', [wrong])
}

describe('the publisher client with SigV4 (IAM authorizer)', () => {
  let api: LocalApi
  before(async () => {
    api = await startLocalApi({ authorizer: 'iam' })
  })
  after(() => api.stop())

  const signed = () =>
    createBackboneClient<DomainEvents>({
      url: api.url,
      auth: { sigv4: { region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } } },
    })

  it('publishes, reads and folds a stream, signed with the local credentials', async () => {
    const client = signed()
    const published = await client.publish('order-c1', [placed('c1'), paid('c1')], { expectedVersion: 0 })
    assert.deepEqual(
      published.events.map((e) => [e.version, e.type]),
      [
        [1, 'OrderPlaced'],
        [2, 'OrderPaid'],
      ],
    )
    const page = await client.read('order-c1', { fromVersion: 2 })
    assert.deepEqual(
      page.events.map((e) => e.type),
      ['OrderPaid'],
    )
    const { state, version } = await client.state<{ amountPaid: number }>('order-c1')
    assert.equal(version, 2)
    assert.equal(state.amountPaid, 4.5)
  })

  it('turns a version conflict into an error carrying the expected and actual version', async () => {
    const client = signed()
    await client.publish('order-c2', [placed('c2')])
    const error = await client
      .publish('order-c2', [paid('c2')], { expectedVersion: 0 })
      .catch((e: unknown) => e)
    assert.ok(error instanceof StreamVersionConflictError, String(error))
    assert.equal(error.expectedVersion, 0)
    assert.equal(error.actualVersion, 1)
  })

  it('turns a schema violation into an error naming the field, and stores nothing', async () => {
    const before = await api.itemCount()
    const bad: PublishEvent<DomainEvents> = {
      type: 'OrderPaid',
      data: { orderId: 'c3', amount: -1, currency: 'EUR' },
    }
    const error = await signed()
      .publish('order-c3', [bad])
      .catch((e: unknown) => e)
    assert.ok(error instanceof EventValidationError, String(error))
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ['events[0].data.amount'],
    )
    assert.equal(await api.itemCount(), before)
  })

  it('is refused with 403 unsigned, signed with another secret, or signed for another region; nothing is stored', async () => {
    const before = await api.itemCount()
    const clients = [
      createBackboneClient<DomainEvents>({ url: api.url }),
      createBackboneClient<DomainEvents>({
        url: api.url,
        auth: {
          sigv4: { region: LOCAL_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'wrong' } },
        },
      }),
      createBackboneClient<DomainEvents>({
        url: api.url,
        auth: { sigv4: { region: 'eu-west-3', credentials: { ...LOCAL_CREDENTIALS } } },
      }),
    ]
    for (const client of clients) {
      const error = await client.publish('order-c4', [placed('c4')]).catch((e: unknown) => e)
      assert.ok(error instanceof NotAuthorizedError, String(error))
      assert.equal(error.status, 403)
    }
    assert.equal(await api.itemCount(), before)
  })

  it('is refused with 403 when the body is changed after signing, or the signature is old', async () => {
    const { SignatureV4 } = await import('@smithy/signature-v4')
    const { Hash } = await import('@smithy/hash-node')
    const signer = new SignatureV4({
      credentials: { ...LOCAL_CREDENTIALS },
      region: LOCAL_REGION,
      service: 'execute-api',
      sha256: Hash.bind(null, 'sha256'),
    })
    const url = new URL(`${api.url}/streams/order-c5/events`)
    const body = JSON.stringify({ events: [placed('c5')] })
    const sign = async (signingDate?: Date) =>
      signer.sign(
        {
          method: 'POST',
          protocol: url.protocol,
          hostname: url.hostname,
          port: Number(url.port),
          path: url.pathname,
          headers: { host: url.host, 'content-type': 'application/json' },
          body,
        },
        signingDate ? { signingDate } : {},
      )
    const send = async (headers: Record<string, string>, sent: string) => {
      const { host: _, ...rest } = headers
      return fetch(url, { method: 'POST', headers: rest, body: sent })
    }
    const fresh = await sign()
    const tampered = await send(fresh.headers, body.replace('c5', 'c6'))
    assert.equal(tampered.status, 403)
    const old = await sign(new Date(Date.now() - 10 * 60_000))
    assert.equal((await send(old.headers, body)).status, 403)
    assert.deepEqual(await api.storedEvents('order-c5'), [])
    assert.equal((await send(fresh.headers, body)).status, 201, 'the same request, untouched, passes')
  })
})

describe('the publisher client with a JWT (JWT authorizer)', () => {
  let api: LocalApi
  before(async () => {
    api = await startLocalApi({ authorizer: 'jwt' })
  })
  after(() => api.stop())

  it('publishes and reads with a bearer token the local authorizer issued', async () => {
    const token = await api.auth.devToken?.()
    assert.ok(token)
    const client = createBackboneClient<DomainEvents>({ url: api.url, auth: { bearer: token } })
    await client.publish('order-j1', [placed('j1')])
    assert.equal((await client.state('order-j1')).version, 1)
    const error = await client
      .publish('order-j1', [paid('j1')], { expectedVersion: 5 })
      .catch((e: unknown) => e)
    assert.ok(error instanceof StreamVersionConflictError)
  })

  it('is refused with 401 expired or for another audience, and with 403 without the write scope; nothing is stored', async () => {
    const before = await api.itemCount()
    const tokens = [
      await api.auth.devToken?.({ ttlSeconds: -60 }),
      await api.auth.devToken?.({ claims: { aud: 'another-api' } }),
    ]
    for (const bearer of tokens) {
      const client = createBackboneClient<DomainEvents>({ url: api.url, auth: { bearer: bearer ?? '' } })
      const error = await client.publish('order-j2', [placed('j2')]).catch((e: unknown) => e)
      assert.ok(error instanceof NotAuthorizedError, String(error))
      assert.equal(error.status, 401)
    }
    const readOnly = await api.auth.devToken?.({ scopes: ['events/read'] })
    const client = createBackboneClient<DomainEvents>({ url: api.url, auth: { bearer: readOnly ?? '' } })
    const error = await client.publish('order-j2', [placed('j2')]).catch((e: unknown) => e)
    assert.ok(error instanceof NotAuthorizedError && error.status === 403, String(error))
    assert.equal(await api.itemCount(), before)
  })
})

describe('the publisher client retrying', () => {
  /** An upstream that answers `statuses` in turn (then 201), recording each request's Idempotency-Key. */
  async function upstream(statuses: number[]) {
    const keys: string[] = []
    const server = createServer((req, res) => {
      keys.push(String(req.headers['idempotency-key']))
      const status = statuses.shift() ?? 201
      const body =
        status === 201
          ? { streamId: 'order-r', events: [{ id: 'e', version: 1, type: 'OrderPlaced', time: 't' }] }
          : { type: 'urn:test', title: 'Failure', status, detail: `answered ${status}` }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return { url, keys, close: () => new Promise((resolve) => server.close(resolve)) }
  }

  it('retries 429 and 5xx with the same Idempotency-Key until the API answers', async () => {
    const u = await upstream([503, 429, 500])
    try {
      const client = createBackboneClient<DomainEvents>({ url: u.url, backoffBaseMs: 1 })
      const result = await client.publish('order-r', [placed('r')])
      assert.equal(result.events.length, 1)
      assert.equal(u.keys.length, 4)
      assert.equal(new Set(u.keys).size, 1, 'one key for every attempt of the call')
    } finally {
      await u.close()
    }
  })

  it('never retries a 4xx, and gives up after its attempts with the last problem', async () => {
    const bad = await upstream([400])
    const down = await upstream([503, 503, 503])
    try {
      const error = await createBackboneClient<DomainEvents>({ url: bad.url, backoffBaseMs: 1 })
        .publish('order-r', [placed('r')])
        .catch((e: unknown) => e)
      assert.ok(error instanceof ProblemError && error.status === 400)
      assert.equal(bad.keys.length, 1)
      const gaveUp = await createBackboneClient<DomainEvents>({
        url: down.url,
        attempts: 3,
        backoffBaseMs: 1,
      })
        .publish('order-r', [placed('r')])
        .catch((e: unknown) => e)
      assert.ok(gaveUp instanceof ProblemError && gaveUp.status === 503)
      assert.equal(down.keys.length, 3)
    } finally {
      await Promise.all([bad.close(), down.close()])
    }
  })

  it('reports an unreachable API after its attempts', async () => {
    const u = await upstream([])
    await u.close()
    const error = await createBackboneClient<DomainEvents>({ url: u.url, attempts: 2, backoffBaseMs: 1 })
      .read('order-r')
      .catch((e: unknown) => e)
    assert.ok(error instanceof BackboneUnreachableError, String(error))
  })
})
