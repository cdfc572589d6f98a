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

let browser: Browser
let sous: RunningSous
let fake: MastodonFake
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
  owner = await sous.setupOwner('olga@example.com')
  const connected = await connectMastodonAccount(
    sous,
    fake,
    owner.workspace.id,
    owner.cookie,
    'alice',
  )
  mastodonId = connected.accountId
  const list = await sous.request('GET', `/api/v1/workspaces/${owner.workspace.id}/accounts`, {
    cookie: owner.cookie,
  })
  mastodonHandle = list.json.items.find((a: { id: string }) => a.id === mastodonId).handle
  blueskyId = await addBlueskyAccount(sous, owner.workspace.id, 'olga.bsky.social')
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
})

async function openCompose(): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  await page.goto(`${sous.url}/w/${owner.workspace.id}/compose`)
  await expect
    .poll(() => page.getByRole('heading', { name: 'Compose', level: 1 }).isVisible())
    .toBe(true)
  return page
}

/** What a variant's counter shows: remaining (negative when over). */
async function remaining(page: WatchedPage, variant: string): Promise<number> {
  const text = await page
    .getByRole('group', { name: `Variant for ${variant}` })
    .getByText(/^[\d,]+ (left|over)/)
    .first()
    .textContent()
  const [, n = '', word] = text?.match(/^([\d,]+) (left|over)/) ?? []
  const value = Number(n.replaceAll(',', ''))
  return word === 'over' ? -value : value
}

/** How much the server says to shorten a variant by, from a draft's checks (0 when it fits). */
async function serverExcess(text: string, accountId: string): Promise<number> {
  const res = await sous.request('POST', `/api/v1/workspaces/${owner.workspace.id}/posts`, {
    cookie: owner.cookie,
    body: { variants: [{ accountId, text }] },
  })
  expect(res.status, res.text).toBe(201)
  const problems: string[] = res.json.checks[0].problems
  const match = problems.join(' ').match(/characters[^:]*: shorten by ([\d,]+)/)
  return match ? Number((match[1] ?? '').replaceAll(',', '')) : 0
}

describe('the composer', () => {
  it('counts emoji, a URL and CJK as the server does for Bluesky and Mastodon, and will not schedule when over', async () => {
    const page = await openCompose()
    await expectAccessible(page, 'compose-empty')
    await screenshotBothWidths(page, 'compose-empty')
    await page.getByRole('checkbox', { name: /olga\.bsky\.social/ }).check()
    await page
      .getByRole('checkbox', { name: new RegExp(mastodonHandle.replace(/\./g, '\\.')) })
      .check()

    const base = `東京タワーの夜景 🗼👩‍👩‍👧 #tokyo with @friend https://example.com/${'path/'.repeat(12)} `
    const bluesky = `olga.bsky.social on Bluesky`
    const mastodon = `${mastodonHandle} on Mastodon`
    const idea = page.getByLabel('Text', { exact: true })

    // Over on Bluesky (the URL counts in full there), well inside on Mastodon (23 per URL).
    await idea.fill(base + 'x'.repeat(250))
    const blueskyLeft = await remaining(page, bluesky)
    expect(blueskyLeft).toBeLessThan(0)
    expect(-blueskyLeft).toBe(await serverExcess(base + 'x'.repeat(250), blueskyId))
    expect(await remaining(page, mastodon)).toBeGreaterThan(0)
    await expect.poll(() => page.getByRole('button', { name: 'Schedule' }).isDisabled()).toBe(true)
    await expect
      .poll(() => page.getByRole('group', { name: `Variant for ${bluesky}` }).textContent())
      .toMatch(/shorten by/)
    await expect.poll(() => page.getByText('The same text everywhere').isVisible()).toBe(true)
    await expectAccessible(page, 'compose-over')
    await screenshotBothWidths(page, 'compose-over')

    // Over on Mastodon too: the same excess as the server's validator.
    const long = base + 'x'.repeat(520)
    await idea.fill(long)
    const mastodonLeft = await remaining(page, mastodon)
    expect(mastodonLeft).toBeLessThan(0)
    expect(-mastodonLeft).toBe(await serverExcess(long, mastodonId))

    // Inside both: each counter shows what remains, and only then may it be scheduled.
    await idea.fill(base)
    expect(await remaining(page, bluesky)).toBeGreaterThan(0)
    expect(await serverExcess(base, blueskyId)).toBe(0)
    // example.com cannot be read from the test machine: the card is missing, said on the page.
    expectNoProblems(page, [`422 /api/v1/workspaces/${owner.workspace.id}/link-preview`])
    await page.context().close()
  })

  it('composes a post with an image and alt text for Mastodon, schedules it, and shows its deliveries', async () => {
    const page = await openCompose()
    await page
      .getByRole('checkbox', { name: new RegExp(mastodonHandle.replace(/\./g, '\\.')) })
      .check()
    await page.getByLabel('Text', { exact: true }).fill('Our new kitchen, finally #sous')
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 196, g: 98, b: 16 } },
    })
      .png()
      .toBuffer()
    await page
      .getByLabel('Images to attach')
      .setInputFiles({ name: 'kitchen.png', mimeType: 'image/png', buffer: png })
    const variant = page.getByRole('group', { name: `Variant for ${mastodonHandle} on Mastodon` })
    await expect.poll(() => variant.textContent()).toMatch(/no alt text/)
    await page.getByLabel('Alt text for kitchen.png').fill('A bright kitchen with copper pans')
    await page.getByText('Pick a time', { exact: true }).click()
    const tomorrow = new Date(Date.now() + 26 * 3600_000)
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000)
    await page.getByLabel('Date and time').fill(local.toISOString().slice(0, 16))
    await expect.poll(() => page.getByRole('button', { name: 'Schedule' }).isEnabled()).toBe(true)
    await expectAccessible(page, 'compose-image')
    await screenshotBothWidths(page, 'compose-image')

    await page.getByRole('textbox', { name: 'Text', exact: true }).focus()
    await page.keyboard.press('Control+Enter')
    await page.waitForURL(/\/posts\/[0-9a-f-]+$/)
    const delivery = page.getByRole('region', { name: `Variant for ${mastodonHandle}` })
    await expect.poll(() => delivery.isVisible()).toBe(true)
    await expect.poll(() => delivery.textContent()).toMatch(/Scheduled/)
    await expect
      .poll(() => page.getByRole('table', { name: `Deliveries for ${mastodonHandle}` }).isVisible())
      .toBe(true)
    await expectAccessible(page, 'post-detail')
    await screenshotBothWidths(page, 'post-detail')
    expectNoProblems(page)
    await page.context().close()
  })
})
