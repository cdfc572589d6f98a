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
} from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

// The composer puts a post in a campaign and labels it with topics and an approach suggested
// from its text (the person chooses), with click tracking; the post page and a reopened draft
// show them. The account lives on the Mastodon CONTRACT FAKE.
let browser: Browser
let sous: RunningSous
let fake: MastodonFake
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
let campaignId: string
const DAY = 86_400_000
const api = (method: string, path: string, body?: unknown) =>
  sous.request(method, `/api/v1/workspaces/${owner.workspace.id}${path}`, {
    cookie: owner.cookie,
    ...(body ? { body } : {}),
  })

beforeAll(async () => {
  ;[browser, sous, fake] = await Promise.all([
    connectBrowser(),
    startSous({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }),
    startMastodonFake(),
  ])
  owner = await sous.setupOwner('olga@example.com')
  await connectMastodonAccount(sous, fake, owner.workspace.id, owner.cookie, 'alice')
  const campaign = await api('POST', '/campaigns', {
    name: 'Bread club',
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + 14 * DAY).toISOString(),
    colour: '#2f9e44',
  })
  expect(campaign.status, campaign.text).toBe(201)
  campaignId = campaign.json.id
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
})

describe('campaign and labels in the composer', () => {
  it('suggests topics and an approach from the text with their reasons; the person picks, and the post keeps them', async () => {
    const page = await openPage(browser)
    const [name, value] = owner.cookie.split('=') as [string, string]
    await page.context().addCookies([{ name, value, url: sous.url }])
    await page.goto(`${sous.url}/w/${owner.workspace.id}/compose`)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Compose', level: 1 }).isVisible())
      .toBe(true)

    await page.getByRole('checkbox', { name: /alice/ }).check()
    await page
      .getByLabel('Text', { exact: true })
      .fill('Which #sourdough starter should we feed first?')
    const suggested = page.getByRole('group', { name: 'Suggested from the text' })
    const addTopic = suggested.getByRole('button', { name: /^Add topic sourdough \(hashtag/ })
    await expect.poll(() => addTopic.isVisible(), { timeout: 10_000 }).toBe(true)
    const useApproach = suggested.getByRole('button', { name: /^Use approach Question \(asks/ })
    expect(await useApproach.isVisible()).toBe(true)
    // Nothing is set until the person says so.
    expect(await page.getByRole('combobox', { name: 'Approach' }).inputValue()).toBe('')
    await expectAccessible(page, 'compose-labels')
    await screenshotBothWidths(page, 'compose-labels')

    await addTopic.click()
    await useApproach.click()
    await expect.poll(() => suggested.isVisible()).toBe(false)
    await page.getByLabel('Topics', { exact: true }).and(page.locator('input')).fill('rye')
    await page.keyboard.press('Enter')
    await page.getByRole('combobox', { name: 'Campaign' }).click()
    await page.getByRole('option', { name: 'Bread club' }).click()
    await page.getByRole('switch', { name: /Count link clicks/ }).check()
    await page.getByRole('button', { name: 'Save as draft' }).click()
    await page.waitForURL(/\/posts\/[0-9a-f-]+$/)

    const labels = page.getByRole('list', { name: 'Campaign and labels' })
    await expect.poll(() => labels.textContent()).toMatch(/Bread club/)
    expect(await labels.textContent()).toMatch(/sourdough.*rye.*Question.*Link clicks counted/)
    const postId = page.url().split('/').pop() ?? ''
    const saved = await api('GET', `/posts/${postId}`)
    expect(saved.json).toMatchObject({
      campaignId,
      topics: ['sourdough', 'rye'],
      approach: 'question',
      clickTracking: true,
    })
    await expectAccessible(page, 'post-labels')

    // Reopened, the draft has them; saved again, nothing changes.
    await page.goto(`${sous.url}/w/${owner.workspace.id}/compose?post=${postId}`)
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Approach' }).inputValue())
      .toBe('Question')
    expect(await page.getByRole('combobox', { name: 'Campaign' }).inputValue()).toBe('Bread club')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL(new RegExp(`/posts/${postId}$`))
    const again = await api('GET', `/posts/${postId}`)
    expect(again.json).toMatchObject({ topics: ['sourdough', 'rye'], approach: 'question' })
    expectNoProblems(page)
    await page.context().close()
  }, 120_000)
})
