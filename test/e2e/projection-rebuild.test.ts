/**
 * Blue-green projection rebuilds on the local runtime: `order-summary` rebuilt into version 2 while
 * orders keep being published, readers served version 1 until the switch, version 2 then equal to a
 * fresh fold of every stream with each event applied exactly once, and switching back and forth.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { declaredBackbone } from '../../infra/local/declaration.ts'
import { startLocalStack } from '../../infra/local/runtime.ts'
import type { ProjectionStatus } from '../../shared/projection/rebuild.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { type NewEvent, newOrder, orderPlaced, orderShipped, publish } from '../helpers/orders.ts'
import type { LocalStatus } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const orderPaid = (orderId: string, amount: number): NewEvent => ({
  type: 'OrderPaid',
  data: { orderId, amount, currency: 'EUR' },
})

interface Served {
  status: number
  body: { version: number; document: Record<string, unknown> } & Record<string, unknown>
}

async function readSummary(t: TestStack, orderId: string): Promise<Served> {
  const response = await fetch(`${t.stack.urls.http}/projections/order-summary/${orderId}`)
  return { status: response.status, body: (await response.json()) as Served['body'] }
}

/** The order's state folded by the read function from the stream itself. */
async function fold(t: TestStack, streamId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${t.stack.urls.http}/streams/${streamId}`)
  return ((await response.json()) as { state: Record<string, unknown> }).state
}

/** The summary fields a fresh fold determines, from a stored summary. */
const comparable = (summary: Record<string, unknown>) => ({
  status: summary.status,
  total: summary.total,
  amountPaid: summary.amountPaid ?? 0,
  lastVersion: summary.lastVersion,
  eventsApplied: summary.eventsApplied,
})

const queuesIdle = (s: LocalStatus) =>
  Object.values(s.eventSources).every((e) => e.queue.visible + e.queue.inFlight === 0)

describe('projection rebuilds on the local runtime', () => {
  let t: TestStack
  const orders: Array<{ orderId: string; streamId: string; events: number }> = []
  const projection = (request: Record<string, unknown>) =>
    t.invoke<ProjectionStatus>('replay', { projection: 'order-summary', ...request })

  /** Publishes the next event of a random order (or a new order), keeping per-stream order. */
  async function publishOne(i: number): Promise<void> {
    const existing = orders[i % Math.max(orders.length, 1)]
    if (existing === undefined || i % 3 === 0) {
      const order = { ...newOrder(), events: 1 }
      await publish(t.stack.urls.http, order.streamId, [orderPlaced(order.orderId)])
      orders.push(order)
      return
    }
    const event =
      existing.events % 2 === 1 ? orderPaid(existing.orderId, 2.5) : orderShipped(existing.orderId)
    existing.events += 1
    await publish(t.stack.urls.http, existing.streamId, [event])
  }

  before(async () => {
    t = await startTestStack()
  })
  after(() => t?.stop())

  it('builds version 2 under live publishing, serves version 1 until the switch, then a complete version 2', async () => {
    const reader = { ...newOrder(), events: 3 }
    await publish(t.stack.urls.http, reader.streamId, [
      orderPlaced(reader.orderId),
      orderPaid(reader.orderId, 4),
      orderShipped(reader.orderId),
    ])
    for (let i = 0; i < 12; i++) await publishOne(i)
    await until(
      'version 1 has the reader order',
      () => readSummary(t, reader.orderId),
      (r) => r.status === 200 && r.body.document.eventsApplied === 3,
    )

    let publishing = true
    const live = (async () => {
      for (let i = 12; publishing; i++) {
        await publishOne(i)
        await sleep(100)
      }
    })()
    const rebuild = projection({})
    let rebuilding = true
    // A reader reading all along: what it is served must never go back, nor be a partial version 2.
    const reads: Served[] = []
    const reading = (async () => {
      while (rebuilding) {
        reads.push(await readSummary(t, reader.orderId))
        await sleep(50)
      }
    })()
    const building = await until(
      'version 2 building',
      () => projection({ status: true }),
      (s) => s.versions.some((v) => v.version === 2 && v.status === 'building'),
    )
    assert.equal(building.active, 1)
    const during = await readSummary(t, reader.orderId)
    assert.equal(during.body.version, 1, 'readers stay on version 1 while version 2 builds')
    const done = await rebuild
    rebuilding = false
    await reading
    publishing = false
    await live
    const served = reads.map((r) => [r.status, r.body.version, r.body.document.eventsApplied])
    assert.ok(served.length > 10, `${served.length} reads`)
    assert.deepEqual(
      served.filter(([status, , applied]) => status !== 200 || applied !== 3),
      [],
      'every read served the complete summary',
    )
    const versions = served.map(([, version]) => version)
    assert.deepEqual(versions, [...versions].sort(), 'the version served only ever moved from 1 to 2')

    assert.equal(done.active, 2)
    assert.equal(done.versions.find((v) => v.version === 2)?.status, 'ready')
    assert.equal(done.versions.find((v) => v.version === 2)?.job?.failed, 0)
    const switched = await readSummary(t, reader.orderId)
    assert.equal(switched.body.version, 2)
    assert.deepEqual(comparable(switched.body.document), {
      status: 'shipped',
      total: 19,
      amountPaid: 4,
      lastVersion: 3,
      eventsApplied: 3,
    })

    await until('every queue drained', () => t.status(), queuesIdle)
    for (const order of [...orders, reader]) {
      const state = await fold(t, order.streamId)
      const expected = {
        status: state.status,
        total: state.total,
        amountPaid: state.amountPaid,
        lastVersion: state.version,
        eventsApplied: state.version,
      }
      const v2 = await until(
        `order ${order.orderId} complete in version 2`,
        () => readSummary(t, order.orderId),
        (r) => r.body.document?.lastVersion === state.version,
      )
      assert.deepEqual(comparable(v2.body.document), expected, `version 2 of ${order.streamId}`)
    }
    await projection({ activate: 1 })
    for (const order of [...orders, reader]) {
      const v1 = await readSummary(t, order.orderId)
      assert.equal(v1.body.version, 1)
      assert.equal(
        v1.body.document.eventsApplied,
        v1.body.document.lastVersion,
        'version 1 never saw history twice',
      )
    }
  })

  it('switches back and forth, both versions following live events, and removes the inactive one', async () => {
    const order = { ...newOrder(), events: 1 }
    await publish(t.stack.urls.http, order.streamId, [orderPlaced(order.orderId)])
    await projection({ activate: 1 })
    const v1 = await until(
      'the new order in version 1',
      () => readSummary(t, order.orderId),
      (r) => r.status === 200,
    )
    assert.equal(v1.body.version, 1)
    const back = await projection({ activate: 2 })
    assert.equal(back.active, 2)
    const v2 = await until(
      'the new order in version 2',
      () => readSummary(t, order.orderId),
      (r) => r.status === 200,
    )
    assert.equal(v2.body.version, 2)
    assert.equal(v2.body.document.eventsApplied, 1)

    const removed = await projection({ remove: 1 })
    assert.deepEqual(
      removed.versions.map((v) => v.version),
      [2],
    )
    await assert.rejects(projection({ activate: 1 }), /ProjectionRequestError.*no version 1/)
    await assert.rejects(projection({ remove: 2 }), /ProjectionRequestError.*version 2 is active/)
  })

  it('refuses an unknown projection by name, over the function and over HTTP', async () => {
    await assert.rejects(
      t.invoke('replay', { projection: 'order-sumary' }),
      /UnknownProjectionError.*order-sumary.*declared: order-summary/,
    )
    await assert.rejects(projection({ activate: 2, remove: 1 }), /ProjectionRequestError/)
    const response = await fetch(`${t.stack.urls.http}/projections/order-sumary/1`)
    assert.equal(response.status, 404)
    assert.match(await response.text(), /no projection order-sumary/)
  })
})

describe('a projection version bumped in the declaration', () => {
  it('is built from history when npm start runs the new declaration, and then served', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'backbone-bump-'))
    const ports = { http: 0, lambda: 0, aws: 0, dynamodb: 0, studio: 0 }
    const order = newOrder()
    try {
      const first = await startLocalStack({ dataDir, ports, backbone: declaredBackbone, log: () => {} })
      try {
        await publish(first.urls.http, order.streamId, [
          orderPlaced(order.orderId),
          orderShipped(order.orderId),
        ])
        await until(
          'version 1 has the order',
          () => fetch(`${first.urls.http}/projections/order-summary/${order.orderId}`).then((r) => r.status),
          (status) => status === 200,
        )
      } finally {
        await first.stop()
      }
      const bumped = {
        ...declaredBackbone,
        consumers: declaredBackbone.consumers.map((c) =>
          c.name === 'order-summary' ? { ...c, projection: { version: 2, table: 'read-model' } } : c,
        ),
      }
      const lines: string[] = []
      const second = await startLocalStack({ dataDir, ports, backbone: bumped, log: (l) => lines.push(l) })
      try {
        assert.ok(
          lines.some((l) => /building declared version 2/.test(l)),
          lines.join('\n'),
        )
        const served = await until(
          'version 2 served',
          async () => {
            const response = await fetch(`${second.urls.http}/projections/order-summary/${order.orderId}`)
            return (await response.json()) as { version?: number; document?: Record<string, unknown> }
          },
          (body) => body.version === 2,
          { timeoutMs: 60_000 },
        )
        assert.equal(served.document?.status, 'shipped')
        assert.equal(served.document?.eventsApplied, 2)
      } finally {
        await second.stop()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
