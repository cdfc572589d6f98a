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

// Dark mode: chosen in the person's menu, kept in this browser, and every page still reads
// (axe's contrast rules run on the dark colours).
let browser: Browser
let sous: RunningSous
let fake: MastodonFake
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
let postId: string
beforeAll(async () => {
  ;[browser, sous, fake] = await Promise.all([
    connectBrowser(),
    startSous({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }),
    startMastodonFake(),
  ])
  owner = await sous.setupOwner('olga@example.com')
  const { accountId } = await connectMastodonAccount(
    sous,
    fake,
    owner.workspace.id,
    owner.cookie,
    'alice',
  )
  const post = await sous.request('POST', `/api/v1/workspaces/${owner.workspace.id}/posts`, {
    cookie: owner.cookie,
    body: {
      variants: [{ accountId, text: 'Dark rye with @friend@example.org #bread' }],
      schedule: { at: new Date(Date.now() + 2 * 86_400_000).toISOString() },
    },
  })
  expect(post.status, post.text).toBe(201)
  postId = post.json.id
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
})

const scheme = (page: Awaited<ReturnType<typeof openPage>>) =>
  page.evaluate(() => document.documentElement.dataset.mantineColorScheme)

describe('dark mode', () => {
  it('is chosen in the person’s menu, stays after a reload, and every page of the workbench passes axe in it', async () => {
    const page = await openPage(browser)
    const [name, value] = owner.cookie.split('=') as [string, string]
    await page.context().addCookies([{ name, value, url: sous.url }])
    const ws = `${sous.url}/w/${owner.workspace.id}`
    await page.goto(`${ws}/compose`)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Compose', level: 1 }).isVisible(), {
        timeout: 10_000,
      })
      .toBe(true)
    expect(await scheme(page)).toBe('light') // headless Chromium's device is light

    await page.getByRole('button', { name: 'Your account' }).click()
    await page.getByRole('menuitem', { name: 'Dark', exact: true }).click()
    await expect.poll(() => scheme(page)).toBe('dark')
    await expect
      .poll(() => page.getByRole('menuitem', { name: /^Dark\s*,\s*chosen$/ }).isVisible())
      .toBe(true)
    await page.keyboard.press('Escape')
    await page.reload()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Compose', level: 1 }).isVisible())
      .toBe(true)
    expect(await scheme(page)).toBe('dark')

    // The composer with its highlights, counters and preview in the dark colours.
    await page.getByRole('checkbox', { name: /alice@/ }).check()
    await page
      .getByLabel('Text', { exact: true })
      .fill('Dark rye with @friend@example.org #bread, past the limit '.repeat(12))
    await expect
      .poll(() => page.getByRole('group', { name: /^Variant for alice@/ }).textContent())
      .toMatch(/\d+ over/)
    await expectAccessible(page, 'dark-compose')
    await screenshotBothWidths(page, 'dark-compose')

    const pages: Array<[string, string, string]> = [
      [`${ws}/calendar`, 'Calendar', 'dark-calendar'],
      [`${ws}/queues`, 'Queues', 'dark-queues'],
      [`${ws}/review`, 'Review', 'dark-review'],
      [`${ws}/accounts`, 'Accounts', 'dark-accounts'],
      [`${ws}/settings`, 'Team & settings', 'dark-settings'],
      [`${ws}/posts/${postId}`, 'Post', 'dark-post'],
      [`${sous.url}/profile`, 'Your profile', 'dark-profile'],
    ]
    for (const [url, heading, shot] of pages) {
      await page.goto(url)
      await expect
        .poll(() => page.getByRole('heading', { name: heading, level: 1 }).isVisible(), {
          timeout: 10_000,
        })
        .toBe(true)
      expect(await scheme(page)).toBe('dark')
      await expectAccessible(page, shot)
    }
    await screenshotBothWidths(page, 'dark-profile')
    await page.goto(`${ws}/posts/${postId}`)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Post', level: 1 }).isVisible())
      .toBe(true)
    await screenshotBothWidths(page, 'dark-post')

    // Back to light from the same menu.
    await page.getByRole('button', { name: 'Your account' }).click()
    await page.getByRole('menuitem', { name: 'Light', exact: true }).click()
    await expect.poll(() => scheme(page)).toBe('light')
    expectNoProblems(page)
    await page.context().close()
  })
})
