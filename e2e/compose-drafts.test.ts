import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMastodonAccount } from '../test/connect-mastodon.ts'
import { type MastodonFake, startMastodonFake } from '../test/peers/mastodon-fake/index.ts'
import { addBlueskyAccount } from './accounts.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

// Drafts written in the composer, reopened from the Drafts list and saved again (PUT): each
// thread post keeps its own images and alt text, the link card, the warning and the languages.
let browser: Browser
let sous: RunningSous
let fake: MastodonFake
let site: Server
let siteUrl: string
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
let mastodonHandle: string
let blueskyId: string
let mastodonId: string
beforeAll(async () => {
  ;[browser, sous, fake] = await Promise.all([
    connectBrowser(),
    startSous({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }),
    startMastodonFake(),
  ])
  // A page with a card to read, on loopback (the instance allows private addresses here).
  site = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      '<html><head><title>Menu</title><meta property="og:title" content="Our spring menu">' +
        '<meta property="og:description" content="Wild garlic and rhubarb"></head></html>',
    )
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/menu`
  owner = await sous.setupOwner('olga@example.com')
  mastodonId = (await connectMastodonAccount(sous, fake, owner.workspace.id, owner.cookie, 'alice'))
    .accountId
  const list = await sous.request('GET', `/api/v1/workspaces/${owner.workspace.id}/accounts`, {
    cookie: owner.cookie,
  })
  mastodonHandle = list.json.items.find((a: { id: string }) => a.id === mastodonId).handle
  blueskyId = await addBlueskyAccount(sous, owner.workspace.id, 'olga.bsky.social')
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
  site?.close()
})

async function openCompose(): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  await page.goto(`${sous.url}/w/${owner.workspace.id}/compose`)
  await expect
    .poll(() => page.getByRole('heading', { name: 'Compose', level: 1 }).isVisible(), {
      timeout: 10_000,
    })
    .toBe(true)
  return page
}

const png = (r: number) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 120, b: 40 } } })
    .png()
    .toBuffer()

async function pick(page: WatchedPage, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click()
  await page.getByRole('option', { name: option }).click()
}

type Variant = {
  accountId: string
  text: string
  mediaIds: string[]
  link: { url: string; title?: string } | null
  thread: Array<{ text: string; mediaIds?: string[] }>
  contentWarning: string | null
  language: string | null
}

async function saved(id: string): Promise<{ id: string; text: string; variants: Variant[] }> {
  const res = await sous.request('GET', `/api/v1/workspaces/${owner.workspace.id}/posts/${id}`, {
    cookie: owner.cookie,
  })
  expect(res.status).toBe(200)
  return res.json
}

describe('drafts in the composer', () => {
  it('a thread with images per post, a link card, a warning and languages is saved, reopened from Drafts and saved again as the same post', async () => {
    const page = await openCompose()
    await page.getByRole('checkbox', { name: /olga\.bsky\.social/ }).check()
    await page
      .getByRole('checkbox', { name: new RegExp(mastodonHandle.replace(/\./g, '\\.')) })
      .check()
    await page.getByLabel('Text', { exact: true }).fill(`Spring menu from Friday ${siteUrl}`)
    await page.getByRole('button', { name: 'Add a post to the thread' }).click()
    await page
      .getByRole('textbox', { name: 'Post 2 of the thread' })
      .fill('Booking opens on Monday')
    await page
      .getByLabel('Images to attach')
      .setInputFiles({ name: 'garlic.png', mimeType: 'image/png', buffer: await png(40) })
    await page
      .getByLabel('Images for post 2 of the thread')
      .setInputFiles({ name: 'rhubarb.png', mimeType: 'image/png', buffer: await png(200) })
    await page.getByLabel('Alt text for garlic.png').fill('Wild garlic in a basket')
    await page.getByLabel('Alt text for rhubarb.png').fill('Rhubarb stalks on a table')
    await page.getByLabel('Content warning').fill('food')
    await pick(page, 'Language', 'German (de)')
    await pick(page, 'Language for olga.bsky.social on Bluesky', 'English (en)')
    await expect.poll(() => page.getByText('Link card: Our spring menu').isVisible()).toBe(true)
    // Each post's preview shows its own image.
    const preview = page.getByRole('region', { name: 'Preview on Mastodon' })
    await expect
      .poll(() =>
        preview.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('alt'))),
      )
      .toEqual(['Wild garlic in a basket', 'Rhubarb stalks on a table'])
    await expectAccessible(page, 'compose-thread-images')
    await screenshotBothWidths(page, 'compose-thread-images')

    await page.getByRole('button', { name: 'Save as draft' }).click()
    await page.waitForURL(/\/posts\/[0-9a-f-]+$/)
    const id = page.url().split('/').pop() ?? ''
    const first = await saved(id)
    const byAccount = (post: typeof first, accountId: string) =>
      post.variants.find((v) => v.accountId === accountId) as Variant
    const bluesky = byAccount(first, blueskyId)
    const mastodon = byAccount(first, mastodonId)
    expect(bluesky.mediaIds).toHaveLength(1)
    expect(bluesky.thread[0]?.mediaIds).toHaveLength(1)
    expect(bluesky.thread[0]?.mediaIds).not.toEqual(bluesky.mediaIds)
    expect([bluesky.language, mastodon.language]).toEqual(['en', 'de'])
    expect(bluesky.link).toMatchObject({ url: siteUrl, title: 'Our spring menu' })
    expect(mastodon.contentWarning).toBe('food')

    // Reopened from the composer's Drafts list: everything is back where it was.
    await page.getByRole('link', { name: 'Compose' }).first().click()
    const drafts = page.getByRole('region', { name: 'Drafts' })
    await drafts.getByRole('link', { name: /Spring menu from Friday/ }).click()
    await page.waitForURL(/\/compose\?post=/)
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Post 2 of the thread' }).inputValue())
      .toBe('Booking opens on Monday')
    await expect.poll(() => drafts.getByText(/^Open: Spring menu/).isVisible()).toBe(true)
    expect(await page.getByLabel('Content warning').inputValue()).toBe('food')
    // Each variant says its own language (the idea's is whichever most variants share).
    const language = (variant: string) =>
      page.getByRole('combobox', { name: `Language for ${variant}` }).inputValue()
    expect(await language('olga.bsky.social on Bluesky')).toBe('English (en)')
    expect(await language(`${mastodonHandle} on Mastodon`)).toBe('German (de)')
    const alts = page.getByRole('textbox', { name: /^Alt text for/ })
    await expect
      .poll(() => alts.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)))
      .toEqual(['Wild garlic in a basket', 'Rhubarb stalks on a table'])
    await expectAccessible(page, 'compose-reopened')
    await screenshotBothWidths(page, 'compose-reopened')

    await page
      .getByRole('textbox', { name: 'Post 2 of the thread' })
      .fill('Booking opens on Tuesday')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(new RegExp(`/posts/${id}$`))
    const second = await saved(id)
    expect(byAccount(second, mastodonId).thread[0]?.text).toBe('Booking opens on Tuesday')
    for (const accountId of [blueskyId, mastodonId]) {
      const before = byAccount(first, accountId)
      const after = byAccount(second, accountId)
      expect({ ...after, id: undefined, thread: after.thread.map((t) => t.mediaIds) }).toEqual(
        expect.objectContaining({
          mediaIds: before.mediaIds,
          link: before.link,
          contentWarning: before.contentWarning,
          language: before.language,
          thread: before.thread.map((t) => t.mediaIds),
        }),
      )
    }
    const list = await sous.request(
      'GET',
      `/api/v1/workspaces/${owner.workspace.id}/posts?status=draft`,
      { cookie: owner.cookie },
    )
    expect(list.json.items.map((p: { id: string }) => p.id)).toEqual([id])
    expectNoProblems(page)
    await page.context().close()
  })
})
