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

// Sous with a Mastodon account on the contract fake; no worker: nothing here comes due.
let browser: Browser
let app: DeliveringApp
let url: string
let closeHttp: () => Promise<void>
beforeAll(async () => {
  ;[browser, app] = await Promise.all([
    connectBrowser(),
    startDeliveringApp(['bakery'], { worker: false }),
  ])
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

const ws = () => app.owner.workspace.id
const account = () => app.accounts.bakery as DeliveringApp['accounts'][string]

/** Wednesday of next week, 10:00 in Berlin (09:00 UTC in winter, 08:00 in summer). */
function nextWednesdayTen(): Date {
  const now = new Date()
  const isoWeekday = ((now.getUTCDay() + 6) % 7) + 1
  const date = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (7 - isoWeekday) + 3, 9),
  )
  const berlinHour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(date),
  )
  return new Date(date.getTime() - (berlinHour - 10) * 3_600_000)
}

describe('queues', () => {
  it('an editor sets an account’s weekly slots and sees its next free ones', async () => {
    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws()}/queues`)
    await expect
      .poll(() => page.getByText('No slots yet').isVisible(), { timeout: 10_000 })
      .toBe(true)
    await page.getByRole('button', { name: 'Add a time' }).click()
    await page.getByLabel('Time 1', { exact: true }).fill('10:15')
    await page.getByRole('checkbox', { name: 'Sat' }).check()
    await page.getByRole('button', { name: 'Save the queue' }).click()
    const upcoming = page.getByRole('listitem').filter({ hasText: /10:15/ })
    await expect.poll(() => upcoming.count()).toBe(10)
    const saved = await app.t.request(
      'GET',
      `/api/v1/workspaces/${ws()}/accounts/${account().accountId}/queue`,
      { cookie: app.owner.cookie },
    )
    expect(saved.json.slots).toHaveLength(6)
    expect(saved.json.timeZone).toBe('Europe/Berlin')
    await expectAccessible(page, 'queues')
    await screenshotBothWidths(page, 'queues-editor')
    expectNoProblems(page)
    await page.context().close()
  })
})

describe('the calendar', () => {
  it('shows a post in its week and month; dragging moves it, a refused move is undone and said', async () => {
    const text = 'Sourdough class, bring an apron'
    const at = nextWednesdayTen()
    const post = await app.t.request('POST', `/api/v1/workspaces/${ws()}/posts`, {
      cookie: app.owner.cookie,
      body: {
        variants: [{ accountId: account().accountId, text }],
        schedule: { at: at.toISOString() },
      },
    })
    expect(post.status, post.text).toBe(201)

    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws()}/calendar`)
    await expect
      .poll(() => page.getByRole('button', { name: 'Next' }).isVisible(), { timeout: 10_000 })
      .toBe(true)
    await page.keyboard.press('n')
    const entry = page.getByRole('article').filter({ hasText: text })
    await expect.poll(() => entry.isVisible()).toBe(true)
    expect(await page.getByRole('region', { name: /^Wed/ }).textContent()).toContain(text)

    // Dragged to Thursday: same time, a day later, as the server has it.
    await entry.dragTo(page.getByRole('region', { name: /^Thu/ }))
    await expect
      .poll(() => page.getByRole('region', { name: /^Thu/ }).textContent())
      .toContain(text)
    await expect
      .poll(async () => {
        const res = await app.t.request('GET', `/api/v1/workspaces/${ws()}/posts/${post.json.id}`, {
          cookie: app.owner.cookie,
        })
        return res.json.variants[0].deliveries[0]?.dueAt ?? res.json.scheduledAt
      })
      .toBe(new Date(at.getTime() + 86_400_000).toISOString())
    await expectAccessible(page, 'calendar week')
    await screenshotBothWidths(page, 'calendar-week')

    // Moved to a time that has passed: refused, said in the dialog, and it stays where it was.
    await entry.getByRole('button', { name: /^Move/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Move the post' })
    await dialog.getByLabel('New time, on your clock').fill('2020-01-06T10:00')
    await dialog.getByRole('button', { name: 'Move' }).click()
    await expect.poll(() => dialog.getByRole('alert').isVisible()).toBe(true)
    expect(await dialog.getByRole('alert').textContent()).toContain('The post was not moved')
    await screenshotBothWidths(page, 'calendar-move-refused')
    await page.keyboard.press('Escape')
    expect(await page.getByRole('region', { name: /^Thu/ }).textContent()).toContain(text)

    // The month shows it too.
    await page.getByText('Month', { exact: true }).click()
    await expect.poll(() => page.getByRole('article').filter({ hasText: /10:00/ }).count()).toBe(1)
    await expectAccessible(page, 'calendar month')
    await screenshotBothWidths(page, 'calendar-month')
    expectNoProblems(page, [
      `400 /api/v1/workspaces/${ws()}/posts/${post.json.id}/reschedule`,
      `422 /api/v1/workspaces/${ws()}/posts/${post.json.id}/reschedule`,
    ])
    await page.context().close()
  })
})
