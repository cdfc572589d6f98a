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
beforeAll(async () => {
  ;[browser, sous] = await Promise.all([connectBrowser(), startSous()])
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop()])
})

describe('first run', () => {
  it('a fresh instance opens on the setup page, and setting up lands in the new workspace', async () => {
    const page = await openPage(browser)
    await page.goto(sous.url)
    await page.waitForURL(/\/setup$/)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Set up Sous' }).isVisible())
      .toBe(true)
    // The password rule is said before anyone types.
    await expect.poll(() => page.getByText('At least 10 characters').isVisible()).toBe(true)
    await expectAccessible(page, 'setup')
    await screenshotBothWidths(page, 'setup')

    await page.getByLabel('Your name').fill('Olga Owner')
    await page.getByLabel('Email').fill('olga@example.com')
    await page.getByRole('textbox', { name: 'Password' }).fill('short')
    await expect.poll(() => page.getByText('5 more characters').isVisible()).toBe(true)
    await page.getByRole('textbox', { name: 'Password' }).fill('a long passphrase')
    await page.getByLabel('Workspace name').fill('Acme Bakery')
    await page.getByRole('button', { name: 'Set up Sous' }).click()

    await page.waitForURL(/\/w\/[0-9a-f-]+\/compose$/)
    await expect.poll(() => page.getByRole('heading', { name: 'Compose' }).isVisible()).toBe(true)
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
        'Team & settings',
      ])
    const me = await sous.request('GET', '/api/v1/setup')
    expect(me.json).toEqual({ needed: false })
    expectNoProblems(page)
    await page.context().close()
  })
})
