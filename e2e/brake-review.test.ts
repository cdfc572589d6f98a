import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listenHttp } from '../src/runtime/listen-http.ts'
import { type DeliveringApp, startDeliveringApp } from '../test/delivering-app.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'

// A whole Sous: a Mastodon account connected by OAuth on the contract fake, a running
// worker, and the web UI on a real port.
let browser: Browser
let app: DeliveringApp
let url: string
let closeHttp: () => Promise<void>
beforeAll(async () => {
  ;[browser, app] = await Promise.all([connectBrowser(), startDeliveringApp(['bakery'])])
  const http = await listenHttp({
    host: '127.0.0.1',
    port: 0,
    fetch: (request, env) => app.t.app.fetch(request, env),
  })
  url = http.url
  closeHttp = () => http.close(1000)
})
afterAll(async () => {
  await closeHttp?.()
  await Promise.all([browser?.close(), app?.close()])
})

async function openAsOwner(): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = app.owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url }])
  return page
}

/** A weekly slot for the next whole minute on Berlin's clock at least 8 s away. */
function nextMinuteSlot(now = new Date()) {
  const at = new Date(now.getTime() + 8_000)
  at.setSeconds(0, 0)
  at.setMinutes(at.getMinutes() + 1)
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1
  return { weekday, time: `${part('hour')}:${part('minute')}` }
}

describe('the brake, review and release', () => {
  it('a scheduled post due under the brake waits in Review; after release, one key reschedules it and it goes out once', async () => {
    const ws = app.owner.workspace.id
    const account = app.accounts.bakery as DeliveringApp['accounts'][string]
    const text = 'Spring menu from Friday: wild garlic and rhubarb'
    const scheduled = await app.t.request('POST', `/api/v1/workspaces/${ws}/posts`, {
      cookie: app.owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text }],
        schedule: { at: new Date(Date.now() + 20_000).toISOString() },
      },
    })
    expect(scheduled.status, scheduled.text).toBe(201)

    // The calendar shows it, in the account's colour, on today.
    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws}/calendar`)
    const onCalendar = page.getByRole('article').filter({ hasText: text })
    await expect.poll(() => onCalendar.isVisible(), { timeout: 10_000 }).toBe(true)
    await expectAccessible(page, 'calendar')

    // The brake, pulled with a reason before its time comes.
    await page.getByRole('button', { name: 'Brake' }).click()
    const dialog = page.getByRole('dialog', { name: 'Pull the brake' })
    await dialog.getByLabel('Reason').fill('Storm warning: hold the cheerful posts')
    await dialog.getByRole('button', { name: 'Pull the brake' }).click()
    await expect.poll(() => onCalendar.getByText('Brake').isVisible()).toBe(true)
    // (axe under the brake waits for the release: the banner's white-on-red link is the
    // shell's, reported there.)
    await screenshotBothWidths(page, 'calendar-brake')

    // Its time passes: the worker holds it for review instead of sending it.
    await page.getByRole('link', { name: 'Review what is queued and release' }).click()
    await page.waitForURL(new RegExp(`/w/${ws}/review`))
    const waiting = page.getByRole('article').filter({ hasText: text })
    await expect.poll(() => waiting.isVisible(), { timeout: 45_000, interval: 1000 }).toBe(true)
    expect(await waiting.textContent()).toContain('Storm warning')
    expect(app.published(account.user.id, text)).toHaveLength(0)

    // Publishing now under the brake is refused, and said on the card; the card comes back.
    await waiting.getByRole('button', { name: 'Publish now' }).click()
    await expect.poll(() => waiting.getByRole('alert').isVisible()).toBe(true)
    expect(await waiting.getByRole('alert').textContent()).toContain('release it to publish now')
    await screenshotBothWidths(page, 'review-brake')

    // Release: nothing goes out in a burst; it still waits for a decision.
    await page.getByRole('button', { name: 'Release…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Resume deliveries?' })
    await confirm.getByRole('button', { name: 'Release the brake' }).click()
    await expect.poll(() => confirm.isVisible()).toBe(false)
    await expect.poll(() => page.getByRole('button', { name: 'Release…' }).count()).toBe(0)
    expect(await waiting.isVisible()).toBe(true)
    expect(app.published(account.user.id, text)).toHaveLength(0)
    await expectAccessible(page, 'review')
    await screenshotBothWidths(page, 'review')

    // The account gets a slot in the next minute; one key reschedules the selected delivery there.
    const queue = await app.t.request(
      'PUT',
      `/api/v1/workspaces/${ws}/accounts/${account.accountId}/queue`,
      {
        cookie: app.owner.cookie,
        body: { timeZone: 'Europe/Berlin', slots: [nextMinuteSlot()] },
      },
    )
    expect(queue.status, queue.text).toBe(200)
    await page.getByRole('heading', { name: 'Review', level: 1 }).focus()
    await page.keyboard.press('r')
    await expect.poll(() => waiting.count()).toBe(0)
    await expect.poll(() => page.getByText('Nothing waits for review').isVisible()).toBe(true)

    // It goes out at that slot, exactly once.
    await expect
      .poll(() => app.published(account.user.id, text).length, {
        timeout: 80_000,
        interval: 1000,
      })
      .toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(app.published(account.user.id, text)).toHaveLength(1)
    expectNoProblems(page, [`409 /api/v1/workspaces/${ws}/review/${await deliveryIdOf(text)}`])
    await page.context().close()
  }, 180_000)
})

async function deliveryIdOf(text: string): Promise<string> {
  const ws = app.owner.workspace.id
  const from = new Date(Date.now() - 86_400_000).toISOString()
  const to = new Date(Date.now() + 86_400_000).toISOString()
  const res = await app.t.request(
    'GET',
    `/api/v1/workspaces/${ws}/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    { cookie: app.owner.cookie },
  )
  return res.json.items.find((e: { text: string }) => e.text === text).deliveryId
}
