/**
 * Event Studio in headless Chromium against the whole local stack, reading: the flow, streams and
 * their state, an event's trace, the schemas, and accessibility on every page. Every test fails on a
 * console error, a page error, a failed request or a 4xx/5xx answer in the page.
 */
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { HopKind } from '../../infra/local/studio/trace/types.ts'
import { type BrowserSession, seriousA11yViolations } from '../helpers/browser.ts'
import type { TestStack } from '../helpers/local-stack.ts'
import { newOrder, orderPlaced, orderShipped, publish } from '../helpers/orders.ts'
import { type StudioSession, startStudioSession, text, textUntil } from '../helpers/studio-session.ts'
import { until } from '../helpers/wait.ts'

describe('Event Studio in a browser, reading', () => {
  let s: StudioSession
  let t: TestStack
  let b: BrowserSession
  const open = (hash: string) => s.open(hash)
  const shoot = (name: string) => s.shoot(name)
  const consumerHops = (kind: string, consumer: string) => s.consumerHops(kind, consumer)

  before(async () => {
    s = await startStudioSession()
    t = s.t
    b = s.b
  })
  after(() => s?.stop())
  afterEach(() => {
    const problems = b.problems.splice(0)
    assert.deepEqual(problems, [], 'no console error, page error or failed request')
  })

  it('shows published events in Streams and the stored count moving in Flow', async () => {
    await open('#/flow')
    const stored = b.page.getByTestId('stored-count')
    const before = Number(await textUntil('the flow to load', stored, (s) => /^\d+$/.test(s)))
    const order = newOrder()
    await publish(t.stack.urls.http, order.streamId, [
      orderPlaced(order.orderId),
      orderShipped(order.orderId),
    ])
    await textUntil('the stored count to grow by 2', stored, (s) => Number(s) >= before + 2)

    await open('#/streams')
    const recentStreams = b.page.locator('section[aria-labelledby="recent-streams"]')
    const link = recentStreams.getByRole('link', { name: order.streamId, exact: true })
    await link.click()
    await b.page.locator('li[data-version="2"]').waitFor()
    assert.match(await text(b.page.locator('ol.events')), /OrderPlaced[\s\S]*OrderShipped/)
    const envelope = JSON.parse(await text(b.page.locator('li[data-version="2"]').getByTestId('envelope')))
    assert.equal(envelope.specversion, '1.0')
    assert.equal(envelope.subject, order.streamId)
    assert.equal(envelope.type, 'OrderShipped')
  })

  it("steps through a stream's folded state version by version", async () => {
    const order = newOrder()
    await publish(t.stack.urls.http, order.streamId, [
      orderPlaced(order.orderId),
      orderShipped(order.orderId),
    ])
    await open(`#/streams/${order.streamId}`)
    const state = b.page.getByTestId('state')
    await textUntil('the state at v2', state, (s) => s.includes('"shipped"'))
    await b.page.getByRole('button', { name: 'Previous version' }).click()
    await textUntil('the state at v1', b.page.getByTestId('state-version'), (s) => s === '1')
    await textUntil('the placed state', state, (s) => s.includes('"placed"') && !s.includes('"shipped"'))
    await shoot('streams')
  })

  it('traces an event through every hop to both consumers, and names the filter policy that kept another out', async () => {
    const order = newOrder()
    const [placed, shipped] = await publish(t.stack.urls.http, order.streamId, [
      orderPlaced(order.orderId),
      orderShipped(order.orderId),
    ])
    assert.ok(placed && shipped)
    await until(
      'both consumers to handle the shipment',
      () => t.stack.recorder.trace(shipped.id)?.hops.filter((h) => h.kind === HopKind.Handled).length ?? 0,
      (n) => n >= 2,
    )
    await open(`#/trace/${shipped.id}`)
    const hops = b.page.getByTestId('hops')
    await hops.locator('li[data-kind="stored"]').waitFor()
    for (const consumer of ['order-summary', 'shipping-notifier']) {
      assert.equal(await consumerHops('delivered', consumer).count(), 1, `delivered to ${consumer}`)
      assert.equal(await consumerHops('handled', consumer).count(), 1, `handled by ${consumer}`)
    }
    assert.match(await text(hops.locator('li[data-kind="relayed"]')), /topic orders/)
    await shoot('trace')

    await open(`#/trace/${placed.id}`)
    await consumerHops('filtered-out', 'shipping-notifier').waitFor()
    assert.match(await text(consumerHops('filtered-out', 'shipping-notifier')), /OrderShipped/)
  })

  it('lists every event type and version with its schema and the consumers that receive it', async () => {
    await open('#/schemas')
    const shipped = b.page.locator('tr[data-type="OrderShipped"]').first()
    await shipped.waitFor()
    assert.match(await text(shipped), /order-summary, shipping-notifier/)
    assert.match(await text(b.page.locator('tr[data-type="OrderPlaced"]').last()), /order-summary/)
    await shoot('schemas')
  })

  it('has no serious or critical accessibility violation on any page, wide or narrow', async () => {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 420, height: 800 },
    ]) {
      await b.page.setViewportSize(size)
      for (const hash of ['#/flow', '#/streams', '#/trace', '#/dead-letters', '#/replay', '#/schemas']) {
        await open(hash)
        await b.page.waitForLoadState('networkidle')
        // Taken last, when every other test has sent traffic through the flow.
        if (hash === '#/flow' && size.width === 1280) await shoot('flow')
        assert.deepEqual(await seriousA11yViolations(b.page), [], `${hash} at ${size.width}px`)
      }
    }
    await b.page.setViewportSize({ width: 1280, height: 800 })
  })
})
