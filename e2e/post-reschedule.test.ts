import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMastodonAccount } from '../test/connect-mastodon.ts'
import { type MastodonFake, startMastodonFake } from '../test/peers/mastodon-fake/index.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

// Rescheduling from the post's own page: a time, refused when it has passed, and a draft
// scheduled from there or opened in the composer.
let browser: Browser
let sous: RunningSous
let fake: MastodonFake
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
let accountId: string
beforeAll(async () => {
  ;[browser, sous, fake] = await Promise.all([
    connectBrowser(),
    startSous({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }),
    startMastodonFake(),
  ])
  owner = await sous.setupOwner('olga@example.com')
  accountId = (await connectMastodonAccount(sous, fake, owner.workspace.id, owner.cookie, 'alice'))
    .accountId
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
})

const posts = () => `/api/v1/workspaces/${owner.workspace.id}/posts`

async function createPost(text: string, schedule?: { at: string }): Promise<string> {
  const res = await sous.request('POST', posts(), {
    cookie: owner.cookie,
    body: { variants: [{ accountId, text }], ...(schedule ? { schedule } : {}) },
  })
  expect(res.status, res.text).toBe(201)
  return res.json.id
}

async function dueAt(id: string): Promise<string | null> {
  const res = await sous.request('GET', `${posts()}/${id}`, { cookie: owner.cookie })
  return res.json.variants[0].dueAt
}

async function openPost(id: string): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  await page.goto(`${sous.url}/w/${owner.workspace.id}/posts/${id}`)
  await expect
    .poll(() => page.getByRole('heading', { name: 'Post', level: 1 }).isVisible(), {
      timeout: 10_000,
    })
    .toBe(true)
  return page
}

/** `2026-12-03T10:30` on the page's clock (Europe/Berlin) for an instant. */
function berlinInput(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`
}

describe('rescheduling from the post page', () => {
  it('moves a scheduled post to a new time, and a time that has passed is refused with the reason, nothing moved', async () => {
    const first = new Date(Date.now() + 2 * 86_400_000)
    first.setUTCSeconds(0, 0)
    const id = await createPost('Bread class on Saturday', { at: first.toISOString() })
    const page = await openPost(id)
    const card = page.getByRole('region', { name: 'Reschedule' })
    await expect.poll(() => card.getByLabel('New time').inputValue()).toBe(berlinInput(first))
    await expectAccessible(page, 'post-reschedule')
    await screenshotBothWidths(page, 'post-reschedule')

    const later = new Date(first.getTime() + 3 * 86_400_000 + 90 * 60_000)
    await card.getByLabel('New time').fill(berlinInput(later))
    await card.getByRole('button', { name: 'Reschedule' }).click()
    await expect.poll(() => page.getByText('One variant scheduled.').isVisible()).toBe(true)
    expect(await dueAt(id)).toBe(later.toISOString())
    await expect
      .poll(() => page.getByRole('table', { name: /^Deliveries for/ }).textContent())
      .toMatch(
        new RegExp(
          later
            .toLocaleString('en-GB', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'short' })
            .replace(/\s/g, '\\s'),
        ),
      )

    await card.getByLabel('New time').fill(berlinInput(new Date(Date.now() - 3600_000)))
    await card.getByRole('button', { name: 'Reschedule' }).click()
    // Said next to the time it is about.
    await expect.poll(() => card.getByText('That time has passed').isVisible()).toBe(true)
    await expectAccessible(page, 'post-reschedule-refused')
    expect(await dueAt(id)).toBe(later.toISOString())
    expectNoProblems(page, [`422 ${posts()}/${id}/reschedule`])
    await page.context().close()
  })

  it('a draft is scheduled into a time from its page, or opened in the composer', async () => {
    const id = await createPost('Croissant workshop, sign up now')
    const page = await openPost(id)
    const card = page.getByRole('region', { name: 'Schedule it' })
    await expect.poll(() => card.isVisible()).toBe(true)
    await card.getByRole('link', { name: 'Edit in Compose' }).click()
    await page.waitForURL(new RegExp(`/compose\\?post=${id}$`))
    await expect
      .poll(() => page.getByLabel('Text', { exact: true }).inputValue())
      .toBe('Croissant workshop, sign up now')
    await page.goBack()

    const at = new Date(Date.now() + 5 * 86_400_000)
    at.setUTCSeconds(0, 0)
    await page
      .getByRole('region', { name: 'Schedule it' })
      .getByLabel('New time')
      .fill(berlinInput(at))
    await page.getByRole('button', { name: 'Schedule', exact: true }).click()
    await expect.poll(() => page.getByText('One variant scheduled.').isVisible()).toBe(true)
    expect(await dueAt(id)).toBe(at.toISOString())
    // Scheduled now: the card says Reschedule.
    await expect.poll(() => page.getByRole('region', { name: 'Reschedule' }).isVisible()).toBe(true)
    expectNoProblems(page)
    await page.context().close()
  })
})
