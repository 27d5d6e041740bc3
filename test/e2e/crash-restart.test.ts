/**
 * `npm start` as operators run it, and a crash: the runtime killed with SIGKILL in the middle of a
 * burst and started again on the same data folder delivers every acknowledged (201) event to every
 * matching consumer; SIGTERM then stops it cleanly, leaving no process and no port behind.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { backbone } from '../../functions/backbone.ts'
import { localClientConfig as clientConfig } from '../../infra/local/clients.ts'

const { consumers } = backbone

import {
  type Acknowledged,
  inBoundedParallel,
  newOrder,
  orderPlaced,
  orderShipped,
  publish,
} from '../helpers/orders.ts'
import { canListen, freePorts, type Ports, type RuntimeProcess, startRuntime } from '../helpers/process.ts'
import { readModelClient, scanEffects } from '../helpers/read-model.ts'
import { fetchStatus } from '../helpers/status.ts'
import { until } from '../helpers/wait.ts'

const ORDERS = 300 // × (OrderPlaced, OrderShipped)
const KILL_AFTER_ACKS = 200

describe('npm start, a crash and a restart', () => {
  let ports: Ports
  let dataDir: string
  let runtime: RuntimeProcess | undefined
  let db: DynamoDBDocumentClient
  const acknowledged: Acknowledged[] = []
  const url = (port: number) => `http://127.0.0.1:${port}`

  before(async () => {
    ports = await freePorts()
    dataDir = await mkdtemp(join(tmpdir(), 'backbone-crash-'))
    db = readModelClient(url(ports.dynamodb))
  })
  after(async () => {
    if (runtime && runtime.child.exitCode === null && runtime.child.signalCode === null) {
      runtime.child.kill('SIGKILL')
      await runtime.exited
    }
    db?.destroy()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('prints what runs where, and all four ports answer', async () => {
    runtime = await startRuntime(ports, dataDir)
    const printed = runtime.output()
    for (const port of Object.values(ports))
      assert.match(printed, new RegExp(`http://127\\.0\\.0\\.1:${port}\\b`))
    const listed = /Functions: (.*)/.exec(printed)?.[1]?.split(', ') ?? []
    for (const name of ['publish', 'read', 'relay', 'redrive', ...consumers.map((c) => c.name)]) {
      assert.ok(listed.includes(name), `${name} is listed among ${listed}`)
    }
    assert.match(printed, /\/_local\/status/)

    const read = await fetch(`${url(ports.http)}/streams/order-none`)
    // An empty stream: whatever the read function answers, it is an API answer, not a connection error.
    assert.ok(read.status < 500, `GET answered ${read.status}`)
    assert.match(read.headers.get('content-type') ?? '', /json/)
    await read.arrayBuffer()
    const status = await fetchStatus(url(ports.lambda))
    assert.deepEqual(Object.keys(status.eventSources).sort(), consumers.map((c) => c.name).sort())
    const sqs = new SQSClient(clientConfig(url(ports.aws)))
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}))
    sqs.destroy()
    assert.ok(QueueUrls.some((q) => q.endsWith('/order-summary-dlq')))
    const { TableNames = [] } = await db.send(new ListTablesCommand({}))
    for (const table of ['events', 'consumer-dedup', 'read-model'])
      assert.ok(TableNames.includes(table), table)
  })

  it('acknowledges events until it is killed with SIGKILL in the middle of a burst', async () => {
    const first = runtime as RuntimeProcess
    const orders = Array.from({ length: ORDERS }, () => newOrder())
    const ack = (events: Acknowledged[]) => {
      acknowledged.push(...events)
      if (acknowledged.length >= KILL_AFTER_ACKS && first.child.signalCode === null)
        first.child.kill('SIGKILL')
    }
    await inBoundedParallel(orders, 20, async ({ orderId, streamId }) => {
      ack(await publish(url(ports.http), streamId, [orderPlaced(orderId)]))
      ack(await publish(url(ports.http), streamId, [orderShipped(orderId)]))
    })
    assert.equal((await first.exited).signal, 'SIGKILL')
    assert.ok(acknowledged.length >= KILL_AFTER_ACKS && acknowledged.length < 2 * ORDERS, 'killed mid-burst')
  })

  it('delivers every acknowledged event to every matching consumer after a restart on the same data folder', async () => {
    assert.ok(acknowledged.length >= KILL_AFTER_ACKS, 'the burst before the crash acknowledged events')
    runtime = await startRuntime(ports, dataDir)
    const expected = new Map<string, { placed: number; shipped: Set<string> }>()
    for (const a of acknowledged) {
      const e = expected.get(a.orderId) ?? { placed: 0, shipped: new Set<string>() }
      if (a.type === 'OrderShipped') e.shipped.add(a.id)
      else e.placed++
      expected.set(a.orderId, e)
    }
    // Messages in flight at the kill come back after their visibility timeout (6 × 10 s).
    await until(
      'every acknowledged event applied after the restart',
      () => scanEffects(db),
      (fx) =>
        [...expected].every(
          ([orderId, e]) =>
            (fx.applied.get(orderId) ?? 0) >= e.placed + e.shipped.size &&
            (fx.notified.get(orderId) ?? 0) >= e.shipped.size,
        ),
      { timeoutMs: 90_000, intervalMs: 1000 },
    )
    const status = await fetchStatus(url(ports.lambda))
    for (const [name, source] of Object.entries(status.eventSources)) {
      assert.deepEqual(source.dlq, { visible: 0, inFlight: 0 }, `${name} DLQ`)
    }
    assert.deepEqual(status.relayFailures, { visible: 0, inFlight: 0 })
  })

  it('stops cleanly on SIGTERM with exit code 0 and frees its ports', async () => {
    const running = runtime as RuntimeProcess
    running.child.kill('SIGTERM')
    const { code, signal } = await running.exited
    assert.equal(signal, null)
    assert.equal(code, 0, running.output())
    assert.match(running.output(), /Stopped\./)
    assert.throws(() => process.kill(running.child.pid as number, 0), { code: 'ESRCH' })
    for (const port of Object.values(ports)) assert.equal(await canListen(port), true, `port ${port} is free`)
  })
})
