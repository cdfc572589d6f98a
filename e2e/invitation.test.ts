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

async function invite(email: string, role: string): Promise<string> {
  // @NOTE through the API until the Team & settings page has its invite form; then by clicking.
  const res = await sous.request('POST', `/api/v1/workspaces/${owner.workspace.id}/invitations`, {
    cookie: owner.cookie,
    body: { email, role },
  })
  expect(res.status).toBe(201)
  return new URL(res.json.url).pathname
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
      .toEqual(['Compose', 'Calendar', 'Queues', 'Review', 'Accounts'])
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
