/**
 * A domain added the way a fork adds one (test/fixtures/domains/inventory): its own topic, an event
 * type with two schema versions, a consumer with its own table. The local runtime runs it from its
 * declaration alone, end to end, with no framework file knowing it.
 */
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import { FrameworkTables } from '../../shared/topology/catalogue.ts'
import { inventoryBackbone } from '../fixtures/domains/inventory/backbone.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { until } from '../helpers/wait.ts'

const post = (httpUrl: string, streamId: string, body: unknown) =>
  fetch(`${httpUrl}/streams/${streamId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('a domain plugged in by its declaration alone', () => {
  let t: TestStack
  before(async () => {
    t = await startTestStack({ backbone: inventoryBackbone })
  })
  after(() => t?.stop())

  const onHand = async (sku: string, warehouse: string) => {
    const { Item } = await t.db.send(
      new GetCommand({ TableName: 'stock-levels', Key: { sku, warehouse }, ConsistentRead: true }),
    )
    return Number(Item?.onHand ?? 0)
  }

  it('publishes to its own topic and its consumer writes its own table', async () => {
    const adjust = (delta: number) => ({
      type: 'StockAdjusted',
      data: { sku: 'A1', delta, warehouse: 'north' },
    })
    const response = await post(t.stack.urls.http, 'stock-A1', { events: [adjust(5), adjust(-2)] })
    assert.equal(response.status, 201, await response.clone().text())
    assert.equal(
      await until(
        'stock of A1 in north',
        () => onHand('A1', 'north'),
        (n) => n === 3,
      ),
      3,
    )
    const state = (await fetch(`${t.stack.urls.http}/streams/stock-A1`).then((r) => r.json())) as {
      state: unknown
    }
    assert.deepEqual(state.state, { onHand: 3, byWarehouse: { north: 3 } })
    const status = await t.status()
    assert.deepEqual(Object.keys(status.eventSources), ['stock-levels'])
  })

  it('upcasts a version-1 event stored by an older deployment before its consumer sees it', async () => {
    const storage = new DynamoDBEventStorage({
      client: t.db,
      tableName: FrameworkTables.events,
    })
    await storage.writeEvents([
      {
        streamId: 'stock-B2',
        version: 1,
        id: 'legacy-b2-1',
        type: 'StockAdjusted',
        schemaVersion: 1,
        data: { sku: 'B2', delta: 7 },
        metadata: {},
        time: new Date().toISOString(),
      },
    ])
    assert.equal(
      await until(
        'stock of B2 in main',
        () => onHand('B2', 'main'),
        (n) => n === 7,
      ),
      7,
    )
  })

  it("refuses the example domain's event types, which this deployment does not carry", async () => {
    const data = { orderId: 'o-1', amount: 5, currency: 'EUR' }
    const response = await post(t.stack.urls.http, 'order-1', { events: [{ type: 'OrderPaid', data }] })
    assert.equal(response.status, 422)
    assert.match(await response.text(), /events\[0\]\.type/)
  })

  it('is known to no framework or example file', async () => {
    const names = /inventory|StockAdjusted|stock-levels/
    for (const folder of ['shared', 'infra', 'functions']) {
      for (const file of await readdir(join(PROJECT_ROOT, folder), { recursive: true })) {
        if (!file.endsWith('.ts')) continue
        const text = await readFile(join(PROJECT_ROOT, folder, file), 'utf8')
        assert.doesNotMatch(text, names, `${folder}/${file} mentions the fixture domain`)
      }
    }
  })
})
