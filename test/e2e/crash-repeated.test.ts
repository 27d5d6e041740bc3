/**
 * `npm start` killed with SIGKILL four times: three times in the middle of a burst of publishes
 * whose clients keep retrying with their Idempotency-Keys, once more after the burst while the
 * events are being delivered, and restarted each time on the same data folder. Afterwards every
 * acknowledged event is stored exactly once, at its version; every consumer's read model is
 * complete; order-summary's transactional effects are applied once per event; order-history saw
 * every stream in version order; nothing is dead-lettered or given up on.
 *
 * The runtime runs the project's declaration with 3 s consumer timeouts (18 s visibility timeouts,
 * `test/fixtures/declarations/short-timeouts.ts`): a message in flight at a kill comes back after
 * that, so the wait after the last restart is bounded by it, not by the production 60 s.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { DomainEvents } from '../../functions/domain.ts'
import { createBackboneClient, type PublishEvent } from '../../shared/client/backbone-client.ts'
import { historyOf } from '../helpers/notes.ts'
import { inBoundedParallel, newOrder } from '../helpers/orders.ts'
import { type PersistentOutcome, persistentPublisher } from '../helpers/persistent-publisher.ts'
import { freePorts, type Ports, type RuntimeProcess, startRuntime } from '../helpers/process.ts'
import { notifications, readItem, readModelClient, scanEffects } from '../helpers/read-model.ts'
import { allQueuesEmpty, fetchStatus } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const ORDERS = 100
/** Per order: OrderPlaced (v1), two notes (v2, v3; FIFO topic), OrderShipped (v4). */
const EVENTS_PER_ORDER = 4
/** Kills during the burst, at these shares of the requests acknowledged. */
const KILL_AT = [0.2, 0.45, 0.7]
const RUNTIME_ENV = { BACKBONE_DECLARATION: 'test/fixtures/declarations/short-timeouts.ts' }
/** 18 s visibility + a restart + draining what came back, on a loaded 2-core machine. */
const DELIVERY_TIMEOUT_MS = 60_000

type Order = { orderId: string; streamId: string }
/** Typed for the client, so a wrong payload does not compile. */
const eventsOf = (o: Order): PublishEvent<DomainEvents>[] => [
  {
    type: 'OrderPlaced',
    data: {
      orderId: o.orderId,
      customerId: `customer-${o.orderId}`,
      items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 5 }],
      currency: 'EUR',
    },
  },
  { type: 'OrderNoteAdded', data: { orderId: o.orderId, author: 'support', text: 'note 1' } },
  { type: 'OrderNoteAdded', data: { orderId: o.orderId, author: 'support', text: 'note 2' } },
  { type: 'OrderShipped', data: { orderId: o.orderId, carrier: 'DHL', trackingNumber: `T-${o.orderId}` } },
]

describe('npm start killed four times during and after a burst', () => {
  let ports: Ports
  let dataDir: string
  let runtime: RuntimeProcess
  let db: DynamoDBDocumentClient
  const url = (port: number) => `http://127.0.0.1:${port}`
  const orders: Order[] = Array.from({ length: ORDERS }, () => newOrder())
  const outcomes = new Map<string, PersistentOutcome[]>()
  const restartsMs: number[] = []

  /** SIGKILL, then `npm start` again on the same ports and data folder. */
  const crashAndRestart = async () => {
    runtime.child.kill('SIGKILL')
    const { signal } = await runtime.exited
    assert.equal(signal, 'SIGKILL')
    const started = Date.now()
    runtime = await startRuntime(ports, dataDir, RUNTIME_ENV)
    restartsMs.push(Date.now() - started)
  }

  before(async () => {
    ports = await freePorts()
    dataDir = await mkdtemp(join(tmpdir(), 'backbone-crashes-'))
    db = readModelClient(url(ports.dynamodb))
    runtime = await startRuntime(ports, dataDir, RUNTIME_ENV)
  })
  after(async () => {
    if (runtime && runtime.child.exitCode === null && runtime.child.signalCode === null) {
      runtime.child.kill('SIGKILL')
      await runtime.exited
    }
    db?.destroy()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('acknowledges every publish of clients that retry with their Idempotency-Keys across three crashes', async (ctx) => {
    const started = Date.now()
    const publish = persistentPublisher(url(ports.http), 90_000)
    const total = ORDERS * EVENTS_PER_ORDER
    let acknowledged = 0
    let burstDone = false
    const burst = inBoundedParallel(orders, 20, async (order) => {
      const results: PersistentOutcome[] = []
      for (const [i, event] of eventsOf(order).entries()) {
        const outcome = await publish(order.streamId, event, i)
        results.push(outcome)
        if (outcome.kind === 'acknowledged') acknowledged++
      }
      outcomes.set(order.streamId, results)
    }).finally(() => {
      burstDone = true
    })
    let kills = 0
    for (const share of KILL_AT) {
      while (!burstDone && acknowledged < share * total) await sleep(20)
      if (burstDone) break
      await crashAndRestart()
      kills++
    }
    const settled = await burst
    assert.deepEqual(
      settled.filter((s) => s.status === 'rejected'),
      [],
    )
    assert.equal(kills, KILL_AT.length, 'every crash came in the middle of the burst')
    const all = [...outcomes.values()].flat()
    assert.deepEqual(
      all.filter((o) => o.kind === 'conflict'),
      [],
      'a retry with its key is answered from the first response, never a conflict',
    )
    assert.equal(all.length, total)
    const retried = all.filter((o) => o.attempts > 1).length
    const replayed = all.filter((o) => o.kind === 'acknowledged' && o.replayed).length
    ctx.diagnostic(
      `${total} publishes acknowledged in ${Date.now() - started} ms across ${kills} kills; ` +
        `${retried} needed more than one round of retries, ${replayed} answered as idempotent replays; ` +
        `restarts took ${restartsMs.join(', ')} ms`,
    )
  })

  it('stores, delivers and applies every acknowledged event exactly once after a fourth crash during delivery', async (ctx) => {
    // Killed while the consumers are busy: some summaries written, not all.
    const atKill = await until(
      'delivery under way',
      async () => (await scanEffects(db)).applied,
      (applied) => applied.size > 0,
      { timeoutMs: 20_000, intervalMs: 100 },
    )
    const completeAtKill = [...atKill.values()].filter((n) => n === 2).length
    await crashAndRestart()
    const started = Date.now()
    await until(
      'every read model complete',
      async () => {
        const fx = await scanEffects(db)
        const heads = await Promise.all(orders.map(async (o) => (await historyOf(db, o.orderId)).head?.lines))
        return {
          summaries: orders.filter((o) => fx.applied.get(o.orderId) === 2).length,
          notified: orders.filter((o) => fx.notified.get(o.orderId) === 1).length,
          histories: heads.filter((n) => n === 2).length,
        }
      },
      (n) => n.summaries === ORDERS && n.notified === ORDERS && n.histories === ORDERS,
      { timeoutMs: DELIVERY_TIMEOUT_MS, intervalMs: 1000 },
    )
    const status = await until('every queue empty', () => fetchStatus(url(ports.lambda)), allQueuesEmpty, {
      timeoutMs: DELIVERY_TIMEOUT_MS,
    })
    ctx.diagnostic(
      `killed with ${completeAtKill} of ${ORDERS} summaries complete; every read model complete ` +
        `${Date.now() - started} ms after the fourth restart`,
    )
    assert.deepEqual(status.relayFailures, { visible: 0, inFlight: 0 }, 'no stream batch was given up on')

    const client = createBackboneClient<DomainEvents>({ url: url(ports.http) })
    for (const order of orders) {
      const acks = (outcomes.get(order.streamId) ?? []).flatMap((o) => (o.kind === 'acknowledged' ? [o] : []))
      const expected = eventsOf(order)
      const stored = (await client.read(order.streamId)).events
      assert.deepEqual(
        stored.map((e) => [e.version, e.id, e.type]),
        acks.map((a, i) => [a.version, a.id, expected[i]?.type]),
        `stream ${order.streamId}: each acknowledged event once, at its version`,
      )
      assert.deepEqual(
        acks.map((a) => a.version),
        [1, 2, 3, 4],
      )
      const summary = await readItem(db, { pk: `order#${order.orderId}`, sk: 'summary' })
      assert.equal(
        summary?.eventsApplied,
        2,
        `order-summary applied Placed and Shipped of ${order.orderId} once each`,
      )
      assert.equal(summary?.lastVersion, 4)
      assert.deepEqual(
        await notifications(db, order.orderId),
        [acks[3]?.id],
        `one notification for ${order.orderId}`,
      )
      const history = await historyOf(db, order.orderId)
      assert.deepEqual(
        history.lines.map((l) => [l.version, l.eventId, l.text]),
        [
          [2, acks[1]?.id, 'note 1'],
          [3, acks[2]?.id, 'note 2'],
        ],
        `history of ${order.orderId}: both notes, in version order`,
      )
      assert.deepEqual(history.head, { pk: `order#${order.orderId}`, sk: 'head', lastVersion: 3, lines: 2 })
    }
  })
})
