import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'

export const WIDE = { width: 1280, height: 800 }
export const NARROW = { width: 390, height: 844 }
const SCREENSHOTS = path.resolve('e2e/screenshots')
const AXE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8')

/** The run's one Chromium (started by global-setup.ts). */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('browserWsEndpoint'))
}

export type WatchedPage = Page & {
  /** Console errors, uncaught exceptions and CSP refusals seen so far. */
  problems: string[]
}

/**
 * A page in a context of its own (its own cookies), in the person's language and zone, that
 * records every console error and page error so a test can assert there were none.
 */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; context?: BrowserContext } = {},
): Promise<WatchedPage> {
  const context =
    options.context ??
    (await browser.newContext({
      viewport: options.viewport ?? WIDE,
      locale: 'en-GB',
      timezoneId: 'Europe/Berlin',
      // No transitions: axe and screenshots see each element as it ends, not half faded in.
      reducedMotion: 'reduce',
    }))
  const page = (await context.newPage()) as WatchedPage
  page.problems = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    // The browser logs every 4xx answer; name which one, so a test can allow what it expects.
    const status = message.text().match(/status of (\d{3})/)?.[1]
    const where = message.location().url.replace(/^https?:\/\/[^/]+/, '')
    page.problems.push(status ? `${status} ${where}` : `console: ${message.text()}`)
  })
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`))
  return page
}

/**
 * Saves the page at 1280 px and at 390 px as e2e/screenshots/<name>-<width>.png, and checks
 * that at 390 px nothing scrolls sideways. Someone looks at these.
 */
export async function screenshotBothWidths(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const before = page.viewportSize() ?? WIDE
  for (const viewport of [WIDE, NARROW]) {
    await page.setViewportSize(viewport)
    await page.waitForTimeout(250)
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${name}-${viewport.width}.png`),
      fullPage: true,
    })
    if (viewport === NARROW) await expectNoSidewaysScroll(page, name)
  }
  await page.setViewportSize(before)
}

export async function expectNoSidewaysScroll(page: Page, name: string) {
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }))
  expect(widths.content, `${name} scrolls sideways at ${widths.viewport} px`).toBeLessThanOrEqual(
    widths.viewport,
  )
}

type AxeResult = {
  violations: Array<{
    id: string
    impact: string | null
    help: string
    nodes: Array<{ target: unknown[]; failureSummary?: string }>
  }>
}

/** Runs axe-core in the page (as the debugger, so the page's CSP stays on) and fails on serious or critical violations. */
export async function expectAccessible(page: Page, name: string) {
  await page.evaluate(AXE)
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (n: Node, o: object) => Promise<unknown> } }).axe.run(
      document,
      { resultTypes: ['violations'] },
    ),
  )) as AxeResult
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
  expect(serious, `axe on ${name}`).toEqual([])
}

/**
 * Fails with whatever the page logged as an error, but for the answers a test expects
 * (`'401 /api/v1/auth/login'`). Asking who is logged in answers 401 to someone logged out:
 * that is how the app learns it, so it is always allowed.
 */
export function expectNoProblems(page: WatchedPage, expected: string[] = []) {
  const allowed = new Set(['401 /api/v1/me', ...expected])
  expect(page.problems.filter((problem) => !allowed.has(problem))).toEqual([])
}
