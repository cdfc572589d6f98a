import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
} from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

let browser: Browser
let sous: RunningSous
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
beforeAll(async () => {
  ;[browser, sous] = await Promise.all([connectBrowser(), startSous()])
  owner = await sous.setupOwner('olga@example.com')
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop()])
})

/** The owner invites on the Team & settings page and copies the link it shows. */
async function invite(email: string, role: string): Promise<string> {
  const page = await openPage(browser)
  const [name, value] = owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  await page.goto(`${sous.url}/w/${owner.workspace.id}/settings`)
  await page.getByRole('textbox', { name: 'Email' }).fill(email)
  await page.getByRole('combobox', { name: 'Role', exact: true }).click()
  await page.getByRole('option', { name: new RegExp(`^${role}`, 'i') }).click()
  await page.getByRole('button', { name: 'Create invitation link' }).click()
  const link = page.getByText(/\/invite\/[\w-]+/)
  await expect.poll(() => link.isVisible()).toBe(true)
  const url = (await link.textContent()) ?? ''
  expectNoProblems(page)
  await page.context().close()
  return new URL(url.trim()).pathname
}

describe('joining by invitation', () => {
  it('the owner invites an editor; the link opens the page; the editor sets a password and lands in the workspace with the editor’s menus only', async () => {
    const link = await invite('eda@example.com', 'editor')
    expect(link).toMatch(/^\/invite\/[\w-]+$/)

    const page = await openPage(browser)
    await page.goto(`${sous.url}${link}`)
    await expect.poll(() => page.getByRole('heading', { name: 'Join Acme' }).isVisible()).toBe(true)
    const what = await page.getByText('You are invited to').textContent()
    expect(what).toContain('Acme')
    expect(what).toContain('editor')
    expect(what).toContain('eda@example.com')
    await expectAccessible(page, 'invitation')
    await screenshotBothWidths(page, 'invitation')

    await page.getByLabel('Your name').fill('Eda Editor')
    await page.getByRole('textbox', { name: 'Choose a password' }).fill('eda’s long passphrase')
    await page.getByRole('button', { name: 'Join Acme' }).click()

    await page.waitForURL(`${sous.url}/w/${owner.workspace.id}/compose`)
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts())
      .toEqual([
        'Compose',
        'Calendar',
        'Queues',
        'Review',
        'Inbox',
        'Suggestions',
        'Listen',
        'People',
        'Measure',
        'Accounts',
      ])
    // What the menu hides stays closed when typed in, too.
    await page.goto(`${sous.url}/w/${owner.workspace.id}/settings`)
    await expect
      .poll(() => page.getByText('Team & settings is not open to the editor role').isVisible())
      .toBe(true)
    expectNoProblems(page)

    // The link worked once.
    const again = await openPage(browser)
    await again.goto(`${sous.url}${link}`)
    await expect
      .poll(() =>
        again.getByRole('heading', { name: 'This invitation no longer works' }).isVisible(),
      )
      .toBe(true)
    expectNoProblems(again, [`404 /api/v1/invitations/${link.split('/').pop()}`])
    await page.context().close()
    await again.context().close()
  })
})
