/**
 * Headless Chromium for the browser tests: playwright-core driving the binary that the npm package
 * @sparticuz/chromium ships, so `npm ci` is the only setup. Every console error, uncaught page error,
 * failed request and 4xx/5xx answer is collected, for the tests to assert there were none; axe-core
 * checks accessibility from inside the page.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import chromium from '@sparticuz/chromium'
import { type Browser, type Page, chromium as playwright } from 'playwright-core'

export interface BrowserSession {
  browser: Browser
  page: Page
  /** What went wrong in the page so far: console errors, page errors, failed or refused requests. */
  problems: string[]
  close(): Promise<void>
}

/** Starts Chromium with one page of `width`×`height`. */
export async function openBrowser(width = 1280, height = 800): Promise<BrowserSession> {
  const browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  })
  // An explicit locale: under LANG=C Chromium reports "en-US@posix", which Intl (and so uPlot) refuses.
  const page = await browser.newPage({ viewport: { width, height }, locale: 'en-US' })
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) =>
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
  )
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`)
  })
  return { browser, page, problems, close: () => browser.close() }
}

const require = createRequire(import.meta.url)
let axeSource: Promise<string> | undefined

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: unknown }>
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. The source is evaluated
 * through the DevTools protocol, which the page's Content Security Policy does not govern, so the
 * studio's strict policy stays on during the check.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  const source = await axeSource
  await page.evaluate(source)
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run()
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
