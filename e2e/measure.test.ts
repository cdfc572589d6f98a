import { text } from 'node:stream/consumers'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
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

// Sous with a real worker publishing to the Mastodon CONTRACT FAKE; people on the fake reply
// and like, and snapshots are taken through the API as the post page's "Read it now" does.
let browser: Browser
let app: DeliveringApp
let url: string
let closeHttp: () => Promise<void>
const ws = () => app.owner.workspace.id
const api = (method: string, path: string, body?: unknown) =>
  app.t.request(method, `/api/v1/workspaces/${ws()}${path}`, {
    cookie: app.owner.cookie,
    ...(body ? { body } : {}),
  })
const bakery = () => app.accounts.bakery as DeliveringApp['accounts'][string]
const DAY = 86_400_000

let campaign: { id: string }
let asked: { id: string }

beforeAll(async () => {
  ;[browser, app] = await Promise.all([connectBrowser(), startDeliveringApp(['bakery'])])
  const http = await listenHttp({
    host: '127.0.0.1',
    port: 0,
    fetch: (request, env) => app.t.app.fetch(request, env),
  })
  url = http.url
  closeHttp = () => http.close(1000)

  campaign = (
    await api('POST', '/campaigns', {
      name: 'Rye week',
      goal: 'Get people talking about rye bread',
      startsAt: new Date(Date.now() - 2 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 12 * DAY).toISOString(),
      colour: '#2f9e44',
    })
  ).json
  asked = await publish('Which rye loaf should we bake on Friday?', {
    campaignId: campaign.id,
    topics: ['rye'],
    approach: 'question',
  })
  const croissants = await publish('Fresh croissants until noon', {
    topics: ['pastry'],
    approach: 'offer',
  })
  const statusOf = (text: string) =>
    (app.published(bakery().user.id, text)[0] as { id?: string } | undefined)?.id ?? ''
  const rye = statusOf('rye loaf')
  for (const name of ['anna', 'ben', 'carla']) {
    const actor = app.fake.actor(app.fake.createUser(name))
    actor.reply(rye, `${name} votes for dark rye`)
    actor.favourite(rye)
  }
  app.fake.actor(app.fake.createUser('dora')).favourite(statusOf('croissants'))
  for (const post of [asked, croissants]) {
    const taken = await api('POST', `/posts/${post.id}/engagement`)
    expect(taken.json.taken, taken.text).toBe(1)
  }
})
afterAll(async () => {
  await closeHttp?.()
  await Promise.all([browser?.close(), app?.close()])
})

async function publish(text: string, labels: Record<string, unknown>) {
  const res = await api('POST', '/posts', {
    variants: [{ accountId: bakery().accountId, text }],
    schedule: { now: true },
    ...labels,
  })
  expect(res.status, res.text).toBe(201)
  await vi.waitFor(
    async () => {
      const post = await api('GET', `/posts/${res.json.id}`)
      expect(post.json.variants[0].state).toBe('published')
    },
    { timeout: 15_000, interval: 100 },
  )
  return { id: res.json.id as string }
}

async function openAsOwner(): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = app.owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url }])
  return page
}

describe('Measure', () => {
  it('shows the period’s conversations on charts and in numbers, the best post first, and downloads the CSV', async () => {
    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws()}/measure?by=topic`)
    const totals = page.getByRole('list', { name: 'Totals' })
    await expect.poll(() => totals.isVisible(), { timeout: 15_000 }).toBe(true)
    await expect
      .poll(() =>
        totals.getByRole('listitem').filter({ hasText: 'Conversations started' }).textContent(),
      )
      .toContain('3')
    expect(await totals.getByRole('listitem').filter({ hasText: 'Posts' }).textContent()).toContain(
      '2',
    )
    // The charts say their numbers to a screen reader; the canvas is drawn.
    const daily = page.getByRole('img', { name: /Per day of publishing/ })
    expect(await daily.getAttribute('aria-label')).toContain('3 conversations')
    expect(await daily.locator('canvas').count()).toBeGreaterThan(0)
    const byGroup = page.getByRole('img', { name: /per post by group/ })
    expect(await byGroup.getAttribute('aria-label')).toMatch(/rye 3\b/)
    // Approaches are named in words on the chart as in the table.
    await page.goto(`${url}/w/${ws()}/measure?by=approach`)
    const byApproach = page.getByRole('img', { name: /per post by group/ })
    await expect
      .poll(() => byApproach.getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/Question 3\b.*Offer 0\b|Offer 0\b.*Question 3\b/)
    await page.goto(`${url}/w/${ws()}/measure?by=topic`)
    const table = page.getByRole('table', { name: 'By topic' })
    expect(await table.getByRole('row').filter({ hasText: 'rye' }).textContent()).toContain(
      'Not enough posts yet',
    )
    const best = page.getByRole('region', { name: /Best posts/ }).getByRole('listitem')
    expect(await best.first().textContent()).toContain('Which rye loaf should we bake on Friday?')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this table as CSV' }).click(),
    ])
    // The browser runs as a server of its own: its files are read through the download's stream.
    const csv = await text(await download.createReadStream())
    expect(download.suggestedFilename()).toMatch(/^sous-groups-by-topic-.*\.csv$/)
    expect(csv.split('\r\n')[0]).toMatch(/^topic,posts,replies/)
    expect(csv).toMatch(/\r\nrye,1,3,/)

    await expectAccessible(page, 'measure')
    await screenshotBothWidths(page, 'measure-compare')
    expectNoProblems(page)
    await page.context().close()
  })

  it('creates a campaign, opens one with its posts and results, and says so when a period is empty', async () => {
    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws()}/measure?tab=campaigns`)
    await page.getByRole('button', { name: 'New campaign' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'New campaign' })
    await dialog.getByLabel('Name').fill('Winter pastries')
    await dialog.getByLabel('Goal').fill('Warm people up for the season')
    await dialog.getByRole('button', { name: 'Create campaign' }).click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Winter pastries' }).isVisible())
      .toBe(true)
    expect(await page.getByText('No posts in this campaign yet').isVisible()).toBe(true)
    const saved = await api('GET', '/campaigns')
    expect(saved.json.items.map((c: { name: string }) => c.name)).toContain('Winter pastries')
    // Its Compose link starts a new post already in it.
    await page.getByRole('link', { name: 'Write one in Compose' }).click()
    const chosen = page.getByRole('combobox', { name: 'Campaign' })
    await expect.poll(() => chosen.inputValue(), { timeout: 10_000 }).toBe('Winter pastries')
    await page.goBack()

    await page.getByRole('button', { name: 'All campaigns' }).click()
    await page.getByRole('button', { name: 'Open Rye week' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Rye week' }).isVisible()).toBe(true)
    expect(await page.getByText('1 posts: 1 published, 0 to come').isVisible()).toBe(true)
    expect(await page.getByText('Goal: Get people talking about rye bread').isVisible()).toBe(true)
    const posts = page.getByRole('table', { name: 'Posts of Rye week' })
    expect(await posts.getByText('Which rye loaf should we bake on Friday?').isVisible()).toBe(true)
    const results = page.getByRole('table', { name: 'By campaign' })
    expect(await results.getByRole('row').filter({ hasText: 'Rye week' }).count()).toBe(1)
    for (const [link, header, row] of [
      ['Download its posts as CSV', 'post_id,due_at,state,text', 'Which rye loaf'],
      ['Download the results as CSV', /^campaign,posts,/, /\r\nRye week,1,/],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: link }).click(),
      ])
      const csv = await text(await download.createReadStream())
      expect(csv.split('\r\n')[0]).toMatch(header)
      expect(csv).toMatch(row)
    }
    await expectAccessible(page, 'measure-campaign')
    await screenshotBothWidths(page, 'measure-campaign')

    await page.goto(`${url}/w/${ws()}/measure?days=7&by=network&filter=${campaign.id}`)
    await expect
      .poll(() => page.getByRole('list', { name: 'Totals' }).textContent(), { timeout: 10_000 })
      .toMatch(/Posts\s*1/)
    // A campaign with no published post in the period: the empty state says what to do.
    const winter = saved.json.items.find((c: { name: string }) => c.name === 'Winter pastries')
    await page.goto(`${url}/w/${ws()}/measure?filter=${winter.id}`)
    await expect
      .poll(() => page.getByText('No posts were published in this period.').isVisible())
      .toBe(true)
    expectNoProblems(page)
    await page.context().close()
  })

  it('the post page shows its engagement per network over time', async () => {
    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws()}/posts/${asked.id}`)
    const engagement = page.getByRole('region', { name: 'Engagement' })
    await expect.poll(() => engagement.isVisible(), { timeout: 10_000 }).toBe(true)
    const latest = engagement.getByRole('row').filter({ hasText: 'Latest' })
    // conversations, people, replies, quotes, reposts, likes
    expect((await latest.getByRole('cell').allTextContents()).slice(2)).toEqual([
      '3',
      '3',
      '3',
      '0',
      '0',
      '3',
    ])
    expect(
      await engagement
        .getByRole('img', { name: /People engaged over time/ })
        .getAttribute('aria-label'),
    ).toContain('3 people engaged')
    await engagement.getByRole('button', { name: 'Read it now' }).click()
    await expect
      .poll(() => engagement.getByRole('row').filter({ hasText: 'Latest' }).count())
      .toBe(1)
    const snapshots = engagement.getByRole('link', { name: 'Download every snapshot as CSV' })
    await expect
      .poll(async () => decodeURIComponent((await snapshots.getAttribute('href')) ?? ''))
      .toMatch(/(\r\n.*){3}/)
    const [download] = await Promise.all([page.waitForEvent('download'), snapshots.click()])
    const csv = (await text(await download.createReadStream())).trim().split('\r\n')
    expect(csv[0]).toBe(
      'account,network,mark,taken_at,deleted,conversations,people,replies,quotes,reposts,likes',
    )
    // The one taken while setting up and the one just asked for: snapshots are only added.
    expect(csv.slice(1).map((row) => row.split(',').slice(5).join(','))).toEqual([
      '3,3,3,0,0,3',
      '3,3,3,0,0,3',
    ])
    await expectAccessible(page, 'post-engagement')
    await screenshotBothWidths(page, 'post-engagement')
    expectNoProblems(page)
    await page.context().close()
  })

  it('shows the organic balance beside the measures: live and replies against broadcast, per account', async () => {
    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws()}/measure`)
    await expect.poll(() => page.getByRole('tab', { name: 'Compare' }).isVisible()).toBe(true)
    await page.keyboard.press('o')
    await expect
      .poll(() => page.getByRole('heading', { name: 'Organic balance' }).isVisible())
      .toBe(true)
    expect(page.url()).toContain('tab=balance')
    const chart = page.getByRole('img', { name: /Broadcast share per account/ })
    await expect.poll(() => chart.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await page.getByRole('row').filter({ hasText: 'bakery@' }).count()).toBe(1)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the balance as CSV' }).click(),
    ])
    const csv = (await text(await download.createReadStream())).trim().split('\r\n')
    expect(csv[0]).toBe('account,days,live,replies,scheduled,curated,broadcast_share,warning')
    // The two posts published now count as written live, over 7 and over 30 days.
    expect(
      csv.slice(1).map((row) =>
        row
          .replace(/^[^,]*,/, '')
          .split(',')
          .slice(0, 2),
      ),
    ).toEqual([
      ['7', '2'],
      ['30', '2'],
    ])
    await expectAccessible(page, 'measure-balance')
    await screenshotBothWidths(page, 'measure-balance')
    expectNoProblems(page)
    await page.context().close()
  })

  it('the calendar shows campaign colours and its campaign filter hides other posts', async () => {
    const tomorrow = new Date(Date.now() + DAY)
    for (const [text, campaignId] of [
      ['Rye tasting on Saturday', campaign.id],
      ['Opening hours change', null],
    ] as const) {
      const res = await api('POST', '/posts', {
        variants: [{ accountId: bakery().accountId, text }],
        schedule: { at: tomorrow.toISOString() },
        ...(campaignId ? { campaignId } : {}),
      })
      expect(res.status, res.text).toBe(201)
    }
    const page = await openAsOwner()
    await page.goto(`${url}/w/${ws()}/calendar`)
    const tasting = page.getByRole('article').filter({ hasText: 'Rye tasting on Saturday' })
    const hours = page.getByRole('article').filter({ hasText: 'Opening hours change' })
    // The week runs Monday to Sunday: tomorrow may be in the next one.
    if (tomorrow.getDay() === 1) await page.getByRole('button', { name: 'Next' }).click()
    await expect.poll(() => hours.isVisible(), { timeout: 10_000 }).toBe(true)
    // The campaigns may load after the posts: the badge follows.
    await expect.poll(() => tasting.textContent(), { timeout: 10_000 }).toContain('Rye week')

    await page.getByRole('combobox', { name: 'Campaign' }).click()
    await page.getByRole('option', { name: 'Rye week' }).click()
    await expect.poll(() => hours.count()).toBe(0)
    expect(await tasting.isVisible()).toBe(true)
    await expectAccessible(page, 'calendar-campaign')
    await screenshotBothWidths(page, 'calendar-campaign')
    expectNoProblems(page)
    await page.context().close()
  })
})
