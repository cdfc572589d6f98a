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
  await connectMastodonAccount(sous, fake, owner.workspace.id, owner.cookie, 'acme')
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop(), fake?.close()])
})

async function openAs(cookie: string): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  return page
}

describe('Team & settings', () => {
  it('invites by a link, creates a token shown once, filters the audit log, charts the balance', async () => {
    const page = await openAs(owner.cookie)
    await page.goto(`${sous.url}/w/${owner.workspace.id}/settings`)
    await expect.poll(() => page.getByText('olga@example.com').first().isVisible()).toBe(true)

    await page.getByRole('textbox', { name: 'Email' }).fill('ana@example.com')
    await page.getByRole('button', { name: 'Create invitation link' }).click()
    await expect.poll(() => page.getByText(/\/invite\/[\w-]+/).isVisible()).toBe(true)
    await expect.poll(() => page.getByText('ana@example.com as editor').isVisible()).toBe(true)
    await expectAccessible(page, 'settings members')
    await screenshotBothWidths(page, 'settings-members')

    await page.getByRole('tab', { name: 'API tokens' }).click()
    await page.getByRole('textbox', { name: 'Token name' }).fill('Publishing script')
    await page.getByRole('button', { name: 'Create token' }).click()
    await expect.poll(() => page.getByText('it is shown only once').isVisible()).toBe(true)
    await expect
      .poll(() => page.getByRole('button', { name: 'Revoke Publishing script' }).isVisible())
      .toBe(true)
    await expectAccessible(page, 'settings tokens')
    await screenshotBothWidths(page, 'settings-tokens')

    await page.getByRole('tab', { name: 'Audit log' }).click()
    await expect.poll(() => page.getByRole('table').isVisible()).toBe(true)
    await page.getByRole('combobox', { name: 'Action' }).click()
    const invitationAction = page.getByRole('option', { name: /invitation/ }).first()
    const actionName = (await invitationAction.textContent()) ?? ''
    await invitationAction.click()
    await expect
      .poll(async () => {
        const rows = (await page.getByRole('row').allTextContents()).slice(1)
        return rows.length > 0 && rows.every((row) => row.includes(actionName))
      })
      .toBe(true)
    await expectAccessible(page, 'settings audit')
    await screenshotBothWidths(page, 'settings-audit')

    await page.getByRole('tab', { name: 'Organic balance' }).click()
    await expect
      .poll(() => page.getByRole('img', { name: /Broadcast share per account/ }).isVisible())
      .toBe(true)
    await expectAccessible(page, 'settings balance')
    await screenshotBothWidths(page, 'settings-balance')

    await page.getByRole('tab', { name: 'Media library' }).click()
    await expect.poll(() => page.getByText('No images yet').isVisible()).toBe(true)
    await expectAccessible(page, 'settings media')

    await page.getByRole('tab', { name: 'Instance' }).click()
    await expect
      .poll(() => page.getByRole('button', { name: 'Step down olga@example.com' }).isVisible())
      .toBe(true)
    await expectAccessible(page, 'settings instance')
    await screenshotBothWidths(page, 'settings-instance')
    expectNoProblems(page)
    await page.context().close()
  })
})
