import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Listener, startListener } from '../src/jobs/run-listener.ts'
import { createLogger } from '../src/logger.ts'
import { crisisWatches } from '../src/store/schema/index.ts'
import {
  type JetstreamFake,
  postEvent,
  startJetstreamFake,
} from '../test/peers/jetstream-fake/index.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'
import { startSous } from './start-sous.ts'

// A real Sous with its listening loop reading the Jetstream CONTRACT FAKE (Jetstream cannot
// run here): posts emitted on the fake reach the page the way live Bluesky posts would.
let browser: Browser
let sous: Awaited<ReturnType<typeof startSous>>
let fake: JetstreamFake
let listener: Listener
let owner: Awaited<ReturnType<(typeof sous)['setupOwner']>>
beforeAll(async () => {
  ;[browser, sous, fake] = await Promise.all([connectBrowser(), startSous(), startJetstreamFake()])
  owner = await sous.setupOwner('lena@example.com')
  listener = startListener({
    database: sous.database,
    config: { jetstreamUrl: fake.url, publicUrl: sous.url },
    logger: createLogger(sous.config),
    tickMs: 200,
    flushMs: 50,
  })
})
afterAll(async () => {
  await listener?.stop()
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
})

async function openAsOwner(): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  return page
}

describe('Listen', () => {
  it('a search with a syntax error shows where; fixed and saved, its matches arrive live and are charted; crisis watch turns on and pulls the brake', async () => {
    const page = await openAsOwner()
    await page.goto(`${sous.url}/w/${owner.workspace.id}/listen`)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Write a first search' }).isVisible())
      .toBe(true)
    await expectAccessible(page, 'listen empty')
    await screenshotBothWidths(page, 'listen-empty')

    // A query with an unclosed parenthesis: the problem shows under the field as it is typed.
    await page.getByRole('button', { name: 'New search' }).click()
    const dialog = page.getByRole('dialog', { name: 'New saved search' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Sourdough')
    const query = dialog.getByRole('textbox', { name: 'Query' })
    await query.fill('sourdough AND (starter OR levain')
    const problem = dialog.getByText(/^Position 32: expected/)
    await expect.poll(() => problem.isVisible()).toBe(true)
    expect(await problem.textContent()).toContain(')')
    expect(await query.getAttribute('aria-invalid')).toBe('true')
    expect(await dialog.getByRole('button', { name: 'Save search' }).isDisabled()).toBe(true)
    await expectAccessible(page, 'listen search form with an error')
    await screenshotBothWidths(page, 'listen-query-error')

    await query.fill('sourdough AND (starter OR levain)')
    await expect.poll(() => problem.count()).toBe(0)
    // Its matches stay out of the inbox unless a person sends one there.
    await dialog.getByRole('switch', { name: 'Send its matches to the inbox' }).uncheck()
    await dialog.getByRole('button', { name: 'Save search' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => page.getByRole('heading', { name: 'Sourdough' }).isVisible()).toBe(true)
    expect(page.url()).toMatch(/\?search=[0-9a-f-]{36}$/)
    await expect.poll(() => page.getByText(/^No match yet/).isVisible()).toBe(true)

    // Posts arrive on the source: the ones that fit appear, the others do not.
    await expect.poll(() => fake.openConnections(), { timeout: 10_000 }).toBe(1)
    fake.emit(
      postEvent({ text: 'My sourdough starter doubled overnight!' }),
      postEvent({ text: 'Feeding the levain for tomorrow’s sourdough' }),
      postEvent({ text: 'sourdough discard crackers' }),
      postEvent({ text: 'Sourdough STARTER tips, anyone?' }),
    )
    const matches = page.getByRole('list', { name: 'Matches' }).getByRole('listitem')
    await expect.poll(() => matches.count(), { timeout: 15_000 }).toBe(3)
    expect(await page.getByText('sourdough discard crackers').count()).toBe(0)
    await expect
      .poll(() => page.getByText(/^3 matches in the last hour/).isVisible(), { timeout: 10_000 })
      .toBe(true)
    expect(
      await page
        .getByRole('img', { name: /Matches per minute/ })
        .locator('canvas')
        .count(),
    ).toBe(1)

    // The source's state: the listener holds it and reads from it.
    await expect
      .poll(() => page.getByText('Listening', { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true)

    // Triage by keyboard: j moves down the newest-first list, and `?` lists the keys.
    await page.keyboard.press('j')
    await expect.poll(() => matches.nth(1).getAttribute('aria-current')).toBe('true')
    // i sends the selected match to the inbox.
    await page.keyboard.press('i')
    await expect.poll(() => matches.nth(1).getByText('In the inbox').isVisible()).toBe(true)
    const inbox = await sous.request('GET', `/api/v1/workspaces/${owner.workspace.id}/inbox`, {
      cookie: owner.cookie,
    })
    expect(inbox.json.items.map((i: { text: string }) => i.text)).toEqual([
      'Feeding the levain for tomorrow’s sourdough',
    ])
    await page.keyboard.press('?')
    const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect
      .poll(() => keys.getByText('Open the selected match on its network').isVisible())
      .toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => keys.isVisible()).toBe(false)
    expect(
      await matches.nth(0).getByRole('link', { name: 'Open on bsky.app' }).getAttribute('href'),
    ).toMatch(/^https:\/\/bsky\.app\/profile\/did:plc:.+\/post\/.+/)
    await expectAccessible(page, 'listen search matches')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshotBothWidths(page, 'listen-search')

    // The list counts them.
    await page.getByRole('button', { name: '← All searches' }).click()
    await expect
      .poll(() => page.getByText('3 in the last hour').isVisible(), { timeout: 15_000 })
      .toBe(true)
    await expectAccessible(page, 'listen searches')
    await screenshotBothWidths(page, 'listen-searches')

    // The source goes away: the page says so, and that Sous retries on its own; then it is back.
    fake.refuse(true)
    fake.disconnectAll()
    const unreachable = page.getByText('The source cannot be reached')
    await expect.poll(() => unreachable.isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await page.getByText('Unreachable, retrying').isVisible()).toBe(true)
    await expectAccessible(page, 'listen source unreachable')
    await screenshotBothWidths(page, 'listen-unreachable')
    fake.refuse(false)
    await expect.poll(() => unreachable.isVisible(), { timeout: 30_000 }).toBe(false)

    // Crisis watch: off until an admin turns it on, with the workspace's own term.
    await page.getByRole('tab', { name: 'Crisis watch' }).click()
    await expect.poll(() => page.getByText('Crisis watch only ever stops').isVisible()).toBe(true)
    await page.getByRole('switch', { name: 'Crisis watch for this workspace' }).check()
    const terms = page.getByRole('combobox', { name: 'The workspace’s own terms' })
    await terms.fill('oven recall')
    await terms.press('Enter')
    await page.getByText('High', { exact: true }).click()
    await expect.poll(() => page.getByText(/at least 10 crisis posts/).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Save crisis watch' }).click()
    await expect.poll(() => page.getByText('Watching', { exact: true }).isVisible()).toBe(true)
    await expectAccessible(page, 'listen crisis watch')

    // It has watched twenty quiet minutes; then crisis posts spike, and it pulls the brake.
    await sous.database.db
      .update(crisisWatches)
      .set({ enabledAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(crisisWatches.workspaceId, owner.workspace.id))
    await new Promise((resolve) => setTimeout(resolve, 600))
    fake.emit(
      ...Array.from({ length: 12 }, (_, at) =>
        postEvent({ text: `Earthquake downtown, stay safe (${at})` }),
      ),
    )
    const pulled = page.getByText(/^Crisis watch pulled this workspace’s brake/)
    await expect.poll(() => pulled.isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await page.getByText(/^\d+ matches in the minute of/).count()).toBeGreaterThan(0)
    await expect
      .poll(() => page.getByText(/Earthquake downtown, stay safe/).count())
      .toBeGreaterThanOrEqual(5)
    await screenshotBothWidths(page, 'listen-crisis-watch')
    expect(
      await page
        .getByRole('link', { name: 'Review what is queued', exact: true })
        .getAttribute('href'),
    ).toBe(`/w/${owner.workspace.id}/review`)

    await page.getByRole('tab', { name: 'Alerts' }).click()
    await expect.poll(() => page.getByRole('list', { name: 'Alerts' }).isVisible()).toBe(true)

    // A busy search: fifty more matches; the newest fifty show, older ones on request.
    fake.emit(
      ...Array.from({ length: 50 }, (_, at) => postEvent({ text: `sourdough starter day ${at}` })),
    )
    await page.getByRole('tab', { name: 'Saved searches' }).click()
    await page.getByRole('button', { name: 'Matches of Sourdough' }).click()
    const older = page.getByRole('button', { name: 'Show older matches' })
    await expect.poll(() => older.isVisible(), { timeout: 15_000 }).toBe(true)
    expect(await matches.count()).toBe(50)
    await older.click()
    await expect.poll(() => matches.count()).toBe(53)
    expect(await older.count()).toBe(0)

    // Opened straight from its address, the search's own keys still work.
    await page.reload()
    await expect.poll(() => matches.count(), { timeout: 15_000 }).toBe(50)
    await page.keyboard.press('j')
    await expect.poll(() => matches.nth(1).getAttribute('aria-current')).toBe('true')
    expectNoProblems(page)
  })
})
