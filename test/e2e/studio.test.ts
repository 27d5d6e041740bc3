/**
 * Event Studio in headless Chromium against the whole local stack: what a developer sees when they
 * publish, trace, fix a DLQ and replay. Every test fails on a console error, a page error, a failed
 * request or a 4xx/5xx answer in the page; every page is checked with axe-core. Screenshots go to
 * STUDIO_SCREENSHOTS (`npm run studio:screenshots` sets docs/studio), else to a temp folder.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import { SendMessageCommand } from '@aws-sdk/client-sqs'
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Locator } from 'playwright-core'
import { HopKind } from '../../infra/local/studio/trace/types.ts'
import { flakyConsumer, flakyKeys } from '../fixtures/consumers/flaky-declaration.ts'
import { type BrowserSession, openBrowser, seriousA11yViolations } from '../helpers/browser.ts'
import { startTestStack, type TestStack } from '../helpers/local-stack.ts'
import { envelope, newOrder, orderPlaced, orderShipped, publish } from '../helpers/orders.ts'
import { until } from '../helpers/wait.ts'

const text = async (locator: Locator) => (await locator.textContent()) ?? ''

/** Waits until the locator's text satisfies `done`. */
const textUntil = (what: string, locator: Locator, done: (t: string) => boolean, timeoutMs = 20_000) =>
  until(what, () => text(locator).catch(() => ''), done, { timeoutMs, intervalMs: 100 })

describe('Event Studio in a browser', () => {
  let t: TestStack
  let b: BrowserSession
  let shots: string
  const flakyOrder = newOrder('order-flaky-')
  let flakyEventId = ''

  const open = async (hash: string) => {
    await b.page.goto(`${t.stack.urls.studio}/${hash}`)
    await b.page.locator('h1').waitFor()
  }
  const shoot = (name: string) => b.page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
  const consumerHops = (kind: string, consumer: string) =>
    b.page.locator(`[data-testid="hops"] li[data-kind="${kind}"][data-consumer="${consumer}"]`)

  before(async () => {
    shots = process.env.STUDIO_SCREENSHOTS
      ? resolve(process.env.STUDIO_SCREENSHOTS)
      : await mkdtemp(join(tmpdir(), 'studio-shots-'))
    await mkdir(shots, { recursive: true })
    t = await startTestStack({ extraConsumers: [flakyConsumer] })
    // Started first: its three failed receives (6 s visibility each) run while the other tests do.
    await t.db.send(
      new PutCommand({
        TableName: 'read-model',
        Item: { ...flakyKeys.switch(flakyOrder.orderId), failUntilReceive: Number.MAX_SAFE_INTEGER },
      }),
    )
    const [flaky] = await publish(t.stack.urls.http, flakyOrder.streamId, [orderPlaced(flakyOrder.orderId)])
    flakyEventId = flaky?.id ?? ''
    b = await openBrowser()
  })
  after(async () => {
    await b?.close()
    await t?.stop()
  })
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

  it('shows a poison message in Dead letters with its failure type and the field at fault', async () => {
    const order = newOrder()
    const bad = orderPlaced(order.orderId)
    const poison = envelope(order.streamId, {
      ...bad,
      data: { ...bad.data, items: [{ sku: 'SKU-1', quantity: 0, unitPrice: 1 }] },
    })
    const queueUrl = t.stack.resources.consumerQueues['order-summary']?.queueUrl
    await t.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(poison) }))
    await until(
      'the poison in the DLQ',
      () => t.status(),
      (s) => s.eventSources['order-summary']?.dlq.visible === 1,
    )
    await open('#/dead-letters')
    const section = b.page.locator('section[data-consumer="order-summary"]')
    const row = section.locator('tbody tr').first()
    await row.waitFor()
    assert.match(await text(row), /SchemaViolation/)
    assert.match(await text(row.getByTestId('reason')), /items.*quantity/)

    await open(`#/trace/${poison.id}`)
    const dead = consumerHops('dead-lettered', 'order-summary')
    await dead.waitFor()
    assert.match(await text(dead), /SchemaViolation/)
  })

  it('redrives a consumer with one click, shows the count moved, and the DLQ empties once the fault is fixed', async () => {
    await until(
      'the flaky event in its DLQ',
      () => t.status(),
      (s) => s.eventSources.flaky?.dlq.visible === 1,
      {
        timeoutMs: 90_000,
      },
    )
    await t.db.send(new DeleteCommand({ TableName: 'read-model', Key: flakyKeys.switch(flakyOrder.orderId) }))
    await open('#/dead-letters')
    const section = b.page.locator('section[data-consumer="flaky"]')
    await section.locator('tbody tr').first().waitFor()
    await shoot('dead-letters')
    await section.getByRole('button', { name: 'Redrive flaky' }).click()
    await textUntil('the redrive result', section.getByTestId('redrive-result'), (s) => s.includes('Moved 1'))
    await textUntil('the DLQ to empty', section.getByTestId('dlq-depth'), (s) => s === '0', 30_000)
    await until(
      'the redriven event handled',
      () => t.stack.recorder.trace(flakyEventId)?.hops.at(-1)?.kind,
      (kind) => kind === HopKind.Handled,
    )

    // Its trace tells the whole story: failed on every receive, dead-lettered, redriven, handled.
    await open(`#/trace/${flakyEventId}`)
    await consumerHops('handled', 'flaky').waitFor()
    assert.equal(await consumerHops('failed', 'flaky').count(), flakyConsumer.maxReceiveCount)
    assert.match(await text(consumerHops('dead-lettered', 'flaky')), /MaxReceiveCountExceeded/)
    assert.equal(await consumerHops('delivered', 'flaky').count(), 2, 'delivered, then redriven')
  })

  it('previews a replay with a dry run and runs it from the form until its progress reaches completed', async () => {
    const order = newOrder()
    await publish(t.stack.urls.http, order.streamId, [
      orderPlaced(order.orderId),
      orderShipped(order.orderId),
    ])
    await open('#/replay')
    await b.page.getByLabel('Target').selectOption('consumer:order-summary')
    await b.page.getByLabel('Stream ids').fill(order.streamId)
    await b.page.getByRole('button', { name: 'Preview (dry run)' }).click()
    await textUntil('the preview', b.page.getByTestId('preview-count'), (s) => s === '2')
    assert.match(
      await text(b.page.getByTestId('preview')),
      new RegExp(`First: ${order.streamId} v1 OrderPlaced`),
    )
    await b.page.getByRole('button', { name: 'Run replay' }).click()
    await textUntil(
      'the replay to complete',
      b.page.getByTestId('run-status'),
      (s) => s === 'completed',
      30_000,
    )
    assert.equal(await b.page.locator('progress').getAttribute('value'), '100')
    await shoot('replay')
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

  it('refuses a change from another origin or without the start token, and sends a strict Content Security Policy', async () => {
    const studio = t.stack.urls.studio
    const redrive = (headers: Record<string, string>) =>
      fetch(`${studio}/api/dead-letters/flaky/redrive`, { method: 'POST', headers, body: '{}' })
    const page = await fetch(studio)
    const csp = page.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'none'/)
    assert.match(csp, /script-src 'self'(;|$)/)
    const token = /name="studio-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? ''
    const json = { 'content-type': 'application/json' }
    assert.equal(
      (await redrive({ ...json, origin: 'http://evil.example', 'x-studio-token': token })).status,
      403,
    )
    assert.equal((await redrive({ ...json, origin: studio })).status, 403)
    assert.equal(
      (await redrive({ ...json, 'sec-fetch-site': 'cross-site', 'x-studio-token': token })).status,
      403,
    )
    assert.equal((await redrive({ ...json, origin: studio, 'x-studio-token': `${token}x` })).status, 403)
    // fetch sets Host from the URL; a DNS-rebound page would send its own name.
    const rebound = await new Promise<number | undefined>((done, fail) =>
      request(`${studio}/api/flow`, { headers: { host: 'attacker.example' } }, (r) => {
        r.resume()
        done(r.statusCode)
      })
        .on('error', fail)
        .end(),
    )
    assert.equal(rebound, 403)
    assert.equal((await redrive({ ...json, origin: studio, 'x-studio-token': token })).status, 200)
  })
})
