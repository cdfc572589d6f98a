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
  owner = await sous.setupOwner('fatima@example.com')
  const saved = await sous.request(
    'PUT',
    `/api/v1/workspaces/${owner.workspace.id}/inbox-settings`,
    {
      cookie: owner.cookie,
      body: {
        businessHours: { timeZone: 'Europe/Berlin', windows: [] },
        firstResponseTargetMinutes: 120,
        feedbackSlug: 'acme-feedback',
        feedbackEnabled: true,
      },
    },
  )
  expect(saved.status).toBe(200)
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop()])
})

describe('the public feedback form', () => {
  it('lets someone without an account write to the team; the message reaches the inbox as text', async () => {
    const page = await openPage(browser)
    await page.goto(`${sous.url}/f/acme-feedback`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Write to Acme' }).isVisible())
      .toBe(true)
    await expectAccessible(page, 'feedback form')
    await screenshotBothWidths(page, 'feedback-form')

    // Only spaces pass the browser's own check; the server says what is wrong, on the page.
    await page.getByRole('textbox', { name: 'Your message' }).fill('   ')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('write a message')
    await expectAccessible(page, 'feedback form refused')

    await page
      .getByRole('textbox', { name: 'Your message' })
      .fill('Your app lost my draft <script>alert(1)</script> twice today. Please fix it!')
    await page.getByRole('textbox', { name: /Your name/ }).fill('Sam')
    await page.getByRole('textbox', { name: /How to reach you/ }).fill('sam@example.org')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Thank you' }).isVisible())
      .toBe(true)
    expect(page.url()).toBe(`${sous.url}/f/acme-feedback?sent=1`)
    await expectAccessible(page, 'feedback sent')
    await screenshotBothWidths(page, 'feedback-sent')
    // The 422 of the refused attempt is the only answer the browser logged.
    expectNoProblems(page, ['422 /f/acme-feedback'])

    const inbox = await sous.request('GET', `/api/v1/workspaces/${owner.workspace.id}/inbox`, {
      cookie: owner.cookie,
    })
    expect(inbox.json.items).toHaveLength(1)
    expect(inbox.json.items[0]).toMatchObject({
      source: 'feedback-form',
      eventKind: 'feedback',
      kind: 'complaint',
      text: 'Your app lost my draft <script>alert(1)</script> twice today. Please fix it!',
      sender: { name: 'Sam', contact: 'sam@example.org' },
    })
  })

  it('shows a page, not the app, for a link that does not exist', async () => {
    const page = await openPage(browser)
    const response = await page.goto(`${sous.url}/f/no-such-team`)
    expect(response?.status()).toBe(404)
    await expect
      .poll(() =>
        page.getByRole('heading', { name: 'This feedback link does not exist' }).isVisible(),
      )
      .toBe(true)
    await expectAccessible(page, 'feedback unknown')
  })
})
