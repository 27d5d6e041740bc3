/**
 * A local stack with Event Studio open in headless Chromium, for the browser tests: navigation,
 * screenshots (to STUDIO_SCREENSHOTS, which `npm run studio:screenshots` sets to docs/studio, else a
 * temp folder) and text waits.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator } from 'playwright-core'
import { type BrowserSession, openBrowser } from './browser.ts'
import { startTestStack, type TestStack, type TestStackOptions } from './local-stack.ts'
import { until } from './wait.ts'

export interface StudioSession {
  t: TestStack
  b: BrowserSession
  /** Loads the studio at `hash` (e.g. `#/flow`) and waits for its heading. */
  open(hash: string): Promise<void>
  /** Saves a full-page screenshot as `<name>.png`. */
  shoot(name: string): Promise<void>
  /** The Trace page's hops of one kind for one consumer. */
  consumerHops(kind: string, consumer: string): Locator
  stop(): Promise<void>
}

export const text = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? ''

/** Waits until the locator's text satisfies `done`, and returns it. */
export const textUntil = (what: string, locator: Locator, done: (t: string) => boolean, timeoutMs = 20_000) =>
  until(what, () => text(locator).catch(() => ''), done, { timeoutMs, intervalMs: 100 })

export async function startStudioSession(opts: TestStackOptions = {}): Promise<StudioSession> {
  // Without STUDIO_SCREENSHOTS they are still taken (a page that cannot render fails), then removed.
  const keep = process.env.STUDIO_SCREENSHOTS
  const shots = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), 'studio-shots-'))
  await mkdir(shots, { recursive: true })
  const t = await startTestStack(opts)
  const b = await openBrowser().catch(async (error: unknown) => {
    await t.stop()
    throw error
  })
  return {
    t,
    b,
    async open(hash) {
      // A fresh document every time: going to the URL already shown would only change the hash and
      // keep the previous test's page state.
      await b.page.goto('about:blank')
      // Leaving the page aborts the polls it had in flight: that is this navigation, not a failure.
      const aborted = b.problems.filter(
        (p) => p.startsWith('request failed:') && p.endsWith('net::ERR_ABORTED'),
      )
      for (const p of aborted) b.problems.splice(b.problems.indexOf(p), 1)
      await b.page.goto(`${t.stack.urls.studio}/${hash}`)
      await b.page.locator('h1').waitFor()
    },
    async shoot(name) {
      await b.page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
    },
    consumerHops: (kind, consumer) =>
      b.page.locator(`[data-testid="hops"] li[data-kind="${kind}"][data-consumer="${consumer}"]`),
    async stop() {
      await b.close()
      await t.stop()
      if (!keep) await rm(shots, { recursive: true, force: true })
    },
  }
}
