import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accounts } from '../src/store/schema/index.ts'
import { TEST_PUBLIC_URL } from '../test/app.ts'
import { type MastodonFake, startMastodonFake } from '../test/peers/mastodon-fake/index.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'
import { startSous } from './start-sous.ts'

/** Sous may reach the fake instance on loopback (the SSRF guard's test switch). */
const startSousWithLocalPeers = () => startSous({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } })

let browser: Browser
let sous: Awaited<ReturnType<typeof startSousWithLocalPeers>>
let fake: MastodonFake
let owner: Awaited<ReturnType<(typeof sous)['setupOwner']>>
beforeAll(async () => {
  ;[browser, sous, fake] = await Promise.all([
    connectBrowser(),
    startSousWithLocalPeers(),
    startMastodonFake(),
  ])
  owner = await sous.setupOwner('olga@example.com')
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
})

async function openAs(cookie: string): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  // Sous's public address in tests is http://sous.test: the instance's redirect back is
  // pointed at the real port (Playwright routes no redirect hops, so rewrite the authorize answer).
  await page.route(`${fake.url}/oauth/authorize**`, async (route) => {
    const answer = await route.fetch({ maxRedirects: 0 })
    const location = answer.headers().location ?? ''
    return route.fulfill({
      response: answer,
      headers: { ...answer.headers(), location: location.replace(TEST_PUBLIC_URL, sous.url) },
    })
  })
  return page
}

const accountsPage = () => `${sous.url}/w/${owner.workspace.id}/accounts`

describe('the Accounts page', () => {
  it('connects a Mastodon account through the instance and back; it is listed with state OK', async () => {
    const page = await openAs(owner.cookie)
    await page.goto(accountsPage())
    await expect.poll(() => page.getByText('Connect your first account').isVisible()).toBe(true)
    await expectAccessible(page, 'accounts empty')
    await screenshotBothWidths(page, 'accounts-empty')

    const mara = fake.createUser('mara', { displayName: 'Mara' })
    fake.signIn(mara)
    await page.getByRole('button', { name: 'Connect Mastodon' }).click()
    await page.getByRole('textbox', { name: 'Instance' }).fill(fake.url)
    await expectAccessible(page, 'connect mastodon dialog')
    await page.getByRole('button', { name: 'Continue to the instance' }).click()

    await page.waitForURL(/\/accounts\?connected=/).catch((error) => {
      throw new Error(`landed on ${page.url()} ${page.problems.join(' ')}: ${error}`)
    })
    await expect.poll(() => page.getByText('Account connected').isVisible()).toBe(true)
    const card = page.getByRole('region', { name: /^mara@/ })
    await expect.poll(() => card.getByText('OK', { exact: true }).isVisible()).toBe(true)
    await expect.poll(() => card.getByText('Mastodon', { exact: true }).isVisible()).toBe(true)
    await expectAccessible(page, 'accounts connected')
    await screenshotBothWidths(page, 'accounts-connected')
    expectNoProblems(page)
    await page.context().close()
  })

  it('an instance that refuses sends the person back with what went wrong', async () => {
    const page = await openAs(owner.cookie)
    await page.goto(`${sous.url}/api/v1/oauth/mastodon/callback?state=abc&error=access_denied`)
    await page.waitForURL(/\/accounts\?connectError=/)
    await expect
      .poll(() => page.getByText('The instance did not authorize Sous: access_denied').isVisible())
      .toBe(true)
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await expect.poll(() => page.url()).toBe(accountsPage())
    expectNoProblems(page)
    await page.context().close()
  })

  it('an account that needs attention shows a banner with the reason and a reconnect action', async () => {
    const [account] = await sous.database.db.select().from(accounts).limit(1)
    if (!account) throw new Error('the first test connects an account')
    await sous.database.db
      .update(accounts)
      .set({
        state: 'needs_attention',
        stateReason: 'The instance refused the access token: reconnect the account.',
      })
      .where(eq(accounts.id, account.id))

    const page = await openAs(owner.cookie)
    await page.goto(accountsPage())
    const banner = page.getByRole('alert').filter({ hasText: 'This account needs attention' })
    await expect.poll(() => banner.isVisible()).toBe(true)
    expect(await banner.textContent()).toContain('The instance refused the access token')
    expect(await banner.textContent()).toContain('No posts are held')
    await expectAccessible(page, 'accounts needs attention')
    await screenshotBothWidths(page, 'accounts-needs-attention')

    // Reconnecting goes through the instance again and brings the same account back to OK.
    await banner.getByRole('button', { name: /^Reconnect / }).click()
    expect(await page.getByRole('textbox', { name: 'Instance' }).inputValue()).toBe(account.service)
    await page.getByRole('button', { name: 'Continue to the instance' }).click()
    await page.waitForURL(/\/accounts\?connected=/)
    await expect.poll(() => banner.count()).toBe(0)
    expectNoProblems(page)
    await page.context().close()
  })
})
