/**
 * Event Studio in headless Chromium against the whole local stack, acting: a poison message and a
 * dead-lettered one in Dead letters, a one-click redrive, a replay from the form, and the defences of
 * the requests that change something. Every test fails on a console error, a page error, a failed
 * request or a 4xx/5xx answer in the page.
 */
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, afterEach, before, describe, it } from 'node:test'
import { SendMessageCommand } from '@aws-sdk/client-sqs'
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { HopKind } from '../../infra/local/studio/trace/types.ts'
import { flakyConsumer, flakyKeys } from '../fixtures/consumers/flaky-declaration.ts'
import type { BrowserSession } from '../helpers/browser.ts'
import type { TestStack } from '../helpers/local-stack.ts'
import { envelope, newOrder, orderPlaced, orderShipped, publish } from '../helpers/orders.ts'
import { type StudioSession, startStudioSession, text, textUntil } from '../helpers/studio-session.ts'
import { until } from '../helpers/wait.ts'

describe('Event Studio in a browser, acting', () => {
  let s: StudioSession
  let t: TestStack
  let b: BrowserSession
  const open = (hash: string) => s.open(hash)
  const shoot = (name: string) => s.shoot(name)
  const consumerHops = (kind: string, consumer: string) => s.consumerHops(kind, consumer)
  const flakyOrder = newOrder('order-flaky-')
  let flakyEventId = ''

  before(async () => {
    s = await startStudioSession({ extraConsumers: [flakyConsumer] })
    t = s.t
    b = s.b
    // Started first: its three failed receives (6 s visibility each) run while the other tests do.
    await t.db.send(
      new PutCommand({
        TableName: 'read-model',
        Item: { ...flakyKeys.switch(flakyOrder.orderId), failUntilReceive: Number.MAX_SAFE_INTEGER },
      }),
    )
    const [flaky] = await publish(t.stack.urls.http, flakyOrder.streamId, [orderPlaced(flakyOrder.orderId)])
    flakyEventId = flaky?.id ?? ''
  })
  after(() => s?.stop())
  afterEach(() => {
    const problems = b.problems.splice(0)
    assert.deepEqual(problems, [], 'no console error, page error or failed request')
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

  it('cancels a running replay from the list of jobs', async () => {
    const order = newOrder()
    const many = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? orderPlaced(order.orderId) : orderShipped(order.orderId),
    )
    await publish(t.stack.urls.http, order.streamId, many)
    await open('#/replay')
    await b.page.getByLabel('Target').selectOption('consumer:order-summary')
    await b.page.getByLabel('Stream ids').fill(order.streamId)
    // One event a second: ten seconds in which to cancel it.
    await b.page.getByLabel('Rate (events/s)').fill('1')
    await b.page.getByRole('button', { name: 'Run replay' }).click()
    const jobId = (
      await textUntil('the job to start', b.page.locator('#run-title code'), (s) => s.length > 0)
    ).trim()
    await b.page.getByRole('button', { name: `Cancel job ${jobId}` }).click()
    await textUntil('the job cancelled', b.page.getByTestId('run-status'), (s) => s === 'cancelled')
    await textUntil(
      'the list to say so',
      b.page.locator(`tr[data-job-id="${jobId}"] td`).nth(2),
      (s) => s === 'cancelled',
    )
  })

  it("answers a wrong replay request with the replay function's own 422 naming the field, and starts nothing", async () => {
    const studio = t.stack.urls.studio
    const token = /name="studio-token" content="([^"]+)"/.exec(await (await fetch(studio)).text())?.[1] ?? ''
    const jobsBefore = ((await (await fetch(`${studio}/api/replay/jobs`)).json()) as unknown[]).length
    const response = await fetch(`${studio}/api/replay/jobs`, {
      method: 'POST',
      headers: { origin: studio, 'x-studio-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ target: { consumer: 'order-summary' }, filter: { from: 'yesterday' } }),
    })
    assert.equal(response.status, 422)
    const problem = (await response.json()) as { title: string; detail: string }
    assert.equal(problem.title, 'ReplayRequestError')
    assert.match(problem.detail, /filter\.from/)
    const jobsAfter = ((await (await fetch(`${studio}/api/replay/jobs`)).json()) as unknown[]).length
    assert.equal(jobsAfter, jobsBefore)
  })
})
