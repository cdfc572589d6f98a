import { mkdtempSync, readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FeedServer, rssFeed, startFeedServer } from '../test/feed-server.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

// The feeds are served on loopback: the SSRF guard's test switch lets Sous read them.
let browser: Browser
let sous: RunningSous
let feeds: FeedServer
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
/** Following a feed reads it at once: on a busy machine that takes a few seconds. */
const SLOW = { timeout: 20_000 }
const poll = <T>(read: () => T) => expect.poll(read, SLOW)
const hoursAgo = (h: number) => new Date(Date.now() - h * 3.6e6).toUTCString()
/** A 2×2 PNG: the card image of the shared story's page. */
const LOAF_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
)

beforeAll(async () => {
  ;[browser, sous, feeds] = await Promise.all([
    connectBrowser(),
    startSous({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }),
    startFeedServer(),
  ])
  owner = await sous.setupOwner('cora@example.com')
  const rss = (title: string, items: Parameters<typeof rssFeed>[1]) => (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' })
    res.end(rssFeed(title, items))
  }
  const kitchen = rss('Kitchen Notes', [
    {
      title: 'Sourdough starters and wild yeast',
      link: feeds.url('/stories/sourdough?utm_source=kitchen'),
      pubDate: hoursAgo(2),
      description: 'A starter is alive, and it is hungry.',
    },
    {
      title: 'Knife skills for beginners',
      link: feeds.url('/stories/knives'),
      pubDate: hoursAgo(1),
    },
    { title: 'A week of soups', link: feeds.url('/stories/soups'), pubDate: hoursAgo(3) },
  ])
  const wire = rss('Food Wire', [
    // The same story as Kitchen Notes', tracking aside: one suggestion, "also in 1 source".
    {
      title: 'Sourdough starters & wild yeast – Food Wire',
      link: feeds.url('/stories/sourdough?utm_medium=wire'),
      pubDate: hoursAgo(2),
    },
  ])
  feeds.on('/kitchen.xml', (_req, res) => kitchen(res))
  feeds.on('/wire.xml', (_req, res) => wire(res))
  // A site's page that names its feed: followed by autodiscovery.
  feeds.on('/kitchen/', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      '<!doctype html><html><head><title>Kitchen</title><link rel="alternate" type="application/rss+xml" href="/kitchen.xml"></head><body></body></html>',
    )
  })
  feeds.on('/stories/sourdough', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      '<!doctype html><html><head><title>x</title><meta property="og:title" content="Sourdough, explained"><meta property="og:description" content="Wild yeast at work."><meta property="og:image" content="/images/loaf.png"></head><body></body></html>',
    )
  })
  feeds.on('/images/loaf.png', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(LOAF_PNG)
  })
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), feeds?.close()])
})

async function openAs(cookie: string): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  return page
}

/** Screenshots show the page, not the confirmations stacked over it. */
async function closeNotifications(page: WatchedPage) {
  const close = page.getByRole('alert').getByRole('button', { name: 'Close' })
  for (let tries = 0; tries < 10 && (await close.count()) > 0; tries++)
    await close
      .first()
      .click({ timeout: 2_000 })
      .catch(() => {}) // it may leave by itself meanwhile
  await poll(() => close.count()).toBe(0)
}

const selectedTitle = (page: WatchedPage) =>
  page.locator('[role="article"][aria-current="true"]').getAttribute('aria-label')

describe('Suggestions', () => {
  it('from no feeds to a ranked queue: follow a site and a feed, set topics, triage by keyboard, share into the composer', async () => {
    const page = await openAs(owner.cookie)
    await page.goto(`${sous.url}/w/${owner.workspace.id}/curate`)
    await poll(() => page.getByText('No feeds yet').isVisible()).toBe(true)
    await expectAccessible(page, 'suggestions empty')
    await screenshotBothWidths(page, 'suggestions-empty')

    await page.getByRole('button', { name: 'Add a feed or import OPML' }).click()
    const address = page.getByRole('textbox', { name: 'Feed or site address' })
    await address.fill(feeds.url('/kitchen/'))
    await page.getByRole('button', { name: 'Follow', exact: true }).click()
    await poll(() => page.getByText('Following Kitchen Notes: 3 items read.').isVisible()).toBe(
      true,
    )
    await poll(() =>
      page.getByRole('article', { name: 'Kitchen Notes' }).getByText('Healthy').isVisible(),
    ).toBe(true)
    await address.fill(feeds.url('/wire.xml'))
    await page.getByRole('button', { name: 'Follow', exact: true }).click()
    await poll(() => page.getByRole('article', { name: 'Food Wire' }).isVisible()).toBe(true)
    // What is not a feed is refused with the reason, where the person typed it.
    await address.fill(feeds.url('/nothing-here'))
    await page.getByRole('button', { name: 'Follow', exact: true }).click()
    await poll(() => page.getByText(/404/).first().isVisible()).toBe(true)

    // Food Wire counts double: its weight, changed in place.
    const wireWeight = page
      .getByRole('article', { name: 'Food Wire' })
      .getByRole('textbox', { name: 'Weight' })
    await wireWeight.fill('2')
    await wireWeight.press('Enter')
    await poll(async () => {
      const res = await sous.request('GET', `/api/v1/workspaces/${owner.workspace.id}/sources`, {
        cookie: owner.cookie,
      })
      return res.json.items.find((s: { title: string }) => s.title === 'Food Wire')?.weight
    }).toBe(2)
    await expectAccessible(page, 'suggestions sources')
    await closeNotifications(page)
    await screenshotBothWidths(page, 'suggestions-sources')

    await page.getByRole('tab', { name: 'Topics' }).click()
    await page.getByRole('textbox', { name: 'Topic 1' }).fill('sourdough')
    await page.getByRole('button', { name: 'Add a topic' }).click()
    await page.getByRole('textbox', { name: 'Topic 2' }).fill('soups')
    await page.getByRole('textbox', { name: 'Weight' }).nth(1).fill('-4')
    await page.getByRole('button', { name: 'Save topics' }).click()
    await poll(() => page.getByText('Topics saved: the queue is ranked by them.').isVisible()).toBe(
      true,
    )
    await expectAccessible(page, 'suggestions topics')

    await page.getByRole('tab', { name: 'Queue' }).click()
    const cards = page.getByRole('article')
    await poll(() =>
      cards.evaluateAll((all) => all.map((a) => a.getAttribute('aria-label'))),
    ).toEqual([
      'Sourdough starters and wild yeast',
      'Knife skills for beginners',
      'A week of soups',
    ])
    const first = page.getByRole('article', { name: 'Sourdough starters and wild yeast' })
    await poll(() => first.getByText(/also in 1 source ·/).isVisible()).toBe(true)
    await poll(() =>
      first.getByText('Matches your topic “sourdough” in the title (weight 3)').isVisible(),
    ).toBe(true)
    await expectAccessible(page, 'suggestions queue')
    await closeNotifications(page)
    await screenshotBothWidths(page, 'suggestions-queue')

    // The filters: by topic, then by source.
    await page.getByRole('combobox', { name: 'Topic' }).click()
    await page.getByRole('option', { name: 'sourdough' }).click()
    await poll(() => cards.count()).toBe(1)
    await page.getByRole('combobox', { name: 'Topic' }).click()
    await page.getByRole('option', { name: 'sourdough' }).click() // chosen again: cleared
    await poll(() => cards.count()).toBe(3)

    // ? lists the page's keys.
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await poll(() => help.getByText('Skip it').isVisible()).toBe(true)
    await poll(() => help.getByText('Save it for later').isVisible()).toBe(true)
    await page.keyboard.press('Escape')

    // j moves, x skips, v saves; each leaves the queue and the next is selected.
    await poll(() => selectedTitle(page)).toBe('Sourdough starters and wild yeast')
    await page.keyboard.press('j')
    await poll(() => selectedTitle(page)).toBe('Knife skills for beginners')
    await page.keyboard.press('j')
    await page.keyboard.press('k')
    await poll(() => selectedTitle(page)).toBe('Knife skills for beginners')
    await page.keyboard.press('x')
    await poll(() => cards.count()).toBe(2)
    await poll(() => selectedTitle(page)).toBe('A week of soups')
    await page.keyboard.press('v')
    await poll(() => cards.count()).toBe(1)
    await page.getByRole('tab', { name: 'Saved' }).click()
    await poll(() =>
      cards.evaluateAll((all) => all.map((a) => a.getAttribute('aria-label'))),
    ).toEqual(['A week of soups'])
    await expectAccessible(page, 'suggestions saved')
    await page.getByRole('tab', { name: 'Queue' }).click()
    await poll(() => selectedTitle(page)).toBe('Sourdough starters and wild yeast')

    const decided = await sous.request(
      'GET',
      `/api/v1/workspaces/${owner.workspace.id}/suggestions?state=skipped`,
      { cookie: owner.cookie },
    )
    expect(decided.json.items.map((s: { title: string }) => s.title)).toEqual([
      'Knife skills for beginners',
    ])

    // s shares: the composer opens with the story's link, from the suggestion.
    await page.keyboard.press('s')
    await page.waitForURL(/\/compose\?suggestion=/)
    const text = page.getByRole('textbox', { name: 'Text' })
    await poll(() => text.inputValue()).toContain(feeds.url('/stories/sourdough'))
    await poll(() => page.getByText(/From a suggestion/).isVisible()).toBe(true)
    // The card as the share read it: the page's title and its image, shown at once.
    await poll(() => page.getByText('Link card: Sourdough, explained').isVisible()).toBe(true)
    const cardImage = page.getByRole('img', { name: 'The link card’s image' })
    await poll(() => cardImage.isVisible()).toBe(true)
    expect(await cardImage.getAttribute('src')).toBe(
      `data:image/png;base64,${LOAF_PNG.toString('base64')}`,
    )
    await screenshotBothWidths(page, 'compose-from-a-suggestion')
    await expectAccessible(page, 'compose from a suggestion')
    await page.getByRole('button', { name: 'Save as draft' }).click()
    await page.waitForURL(/\/posts\//)
    const drafts = await sous.request(
      'GET',
      `/api/v1/workspaces/${owner.workspace.id}/posts?status=draft`,
      { cookie: owner.cookie },
    )
    expect(drafts.json.items).toHaveLength(1)
    expect(drafts.json.items[0]).toMatchObject({ provenance: 'suggestion' })
    expect(drafts.json.items[0].text).toContain(feeds.url('/stories/sourdough'))
    const draft = await sous.request(
      'GET',
      `/api/v1/workspaces/${owner.workspace.id}/posts/${drafts.json.items[0].id}`,
      { cookie: owner.cookie },
    )
    expect(draft.json.text).toContain(feeds.url('/stories/sourdough'))
    const shared = await sous.request(
      'GET',
      `/api/v1/workspaces/${owner.workspace.id}/suggestions?state=shared`,
      { cookie: owner.cookie },
    )
    expect(shared.json.items.map((s: { title: string }) => s.title)).toEqual([
      'Sourdough starters and wild yeast',
    ])
    expectNoProblems(page, [`422 /api/v1/workspaces/${owner.workspace.id}/sources`])
  })

  it('imports an OPML file and exports one; new sources wait for their first read', async () => {
    const page = await openAs(owner.cookie)
    await page.goto(`${sous.url}/w/${owner.workspace.id}/curate`)
    await page.getByRole('tab', { name: /^Sources/ }).click()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import an OPML file…' }).click()
    await (await chooser).setFiles({
      name: 'reader.opml',
      mimeType: 'text/x-opml',
      buffer: Buffer.from(
        `<?xml version="1.0"?><opml version="2.0"><head><title>Reader</title></head><body>
          <outline text="Baking"><outline type="rss" text="Pastry Lab" xmlUrl="https://pastry.example/atom.xml"/></outline>
          <outline type="rss" text="Kitchen again" xmlUrl="${feeds.url('/kitchen.xml')}"/>
        </body></opml>`,
      ),
    })
    await poll(() => page.getByText(/1 new, 1 already followed/).isVisible()).toBe(true)
    const pastry = page.getByRole('article', { name: 'Pastry Lab' })
    await poll(() => pastry.getByText('Waiting').isVisible()).toBe(true)
    await poll(() => pastry.getByText('Folder: Baking').isVisible()).toBe(true)

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export as OPML' }).click()
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sous-opml-')), 'export.opml')
    await (await download).saveAs(file)
    const opml = readFileSync(file, 'utf8')
    expect(opml).toContain('xmlUrl="https://pastry.example/atom.xml"')
    expect(opml).toContain(`xmlUrl="${feeds.url('/kitchen.xml')}"`)
    expectNoProblems(page)
  })

  it('pages through a reader’s worth of sources, finds one by name, and narrows them by health', async () => {
    const outlines = Array.from(
      { length: 120 },
      (_, i) =>
        `<outline type="rss" text="Bakery ${String(i).padStart(3, '0')}" xmlUrl="${feeds.url(`/gone/${i}.xml`)}"/>`,
    ).join('')
    const imported = await sous.request(
      'POST',
      `/api/v1/workspaces/${owner.workspace.id}/sources/import`,
      {
        cookie: owner.cookie,
        body: { opml: `<opml version="2.0"><head/><body>${outlines}</body></opml>` },
      },
    )
    expect(imported.status).toBe(201)
    const page = await openAs(owner.cookie)
    await page.goto(`${sous.url}/w/${owner.workspace.id}/curate`)
    await page.getByRole('tab', { name: /^Sources/ }).click()
    const cards = page.getByRole('article')
    await poll(() => page.getByRole('heading', { name: /^Followed \(12\d\)$/ }).isVisible()).toBe(
      true,
    )
    await poll(() => cards.count()).toBe(50)
    await page.getByRole('button', { name: 'Show 50 more' }).click()
    await poll(() => cards.count()).toBe(100)
    await page.getByRole('button', { name: 'Show 50 more' }).click()
    await poll(() => page.getByRole('button', { name: 'Show 50 more' }).count()).toBe(0)
    const total = await cards.count()
    await poll(() => page.getByText(`Showing ${total} of ${total}`).isVisible()).toBe(true)

    await page.getByRole('searchbox', { name: 'Find a source' }).fill('bakery 07')
    await poll(() => cards.count()).toBe(10)
    await page.getByRole('searchbox', { name: 'Find a source' }).fill('')
    // Health narrows it: the two feeds read fine in the first test are the healthy ones (the
    // imported ones are still waiting, or erring on 404s, as the workers get to them).
    await page.getByRole('combobox', { name: 'Health' }).click()
    await page.getByRole('option', { name: /^Healthy/ }).click()
    await poll(() =>
      cards.evaluateAll((all) => all.map((a) => a.getAttribute('aria-label')).sort()),
    ).toEqual(['Food Wire', 'Kitchen Notes'])
    await poll(() => page.getByText('Showing 2 matching').isVisible()).toBe(true)
    await expectAccessible(page, 'suggestions sources paged')
    await closeNotifications(page)
    await screenshotBothWidths(page, 'suggestions-sources-paged')
    expectNoProblems(page)
  })
})
