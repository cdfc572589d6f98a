import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD } from '../test/app.ts'
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
let workspaceId: string
beforeAll(async () => {
  ;[browser, sous] = await Promise.all([connectBrowser(), startSous()])
  workspaceId = (await sous.setupOwner('olga@example.com')).workspace.id
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop()])
})

async function logIn(page: WatchedPage, email: string, password: string) {
  await page.getByLabel('Email').fill(email)
  await page.getByRole('textbox', { name: 'Password' }).fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
}

describe('logging in and out', () => {
  it('a page asked for while logged out opens after logging in', async () => {
    const page = await openPage(browser)
    await page.goto(`${sous.url}/w/${workspaceId}/calendar`)
    await page.waitForURL(/\/login\?next=/)
    await expect.poll(() => page.getByRole('heading', { name: 'Log in' }).isVisible()).toBe(true)
    await expectAccessible(page, 'login')
    await screenshotBothWidths(page, 'login')

    await logIn(page, 'olga@example.com', 'not the password')
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('You are not logged in')
    await expectAccessible(page, 'login with a refusal')

    await logIn(page, 'olga@example.com', PASSWORD)
    await page.waitForURL(`${sous.url}/w/${workspaceId}/calendar`)
    await expect.poll(() => page.getByRole('heading', { name: 'Calendar' }).isVisible()).toBe(true)

    await page.getByRole('button', { name: 'Your account' }).click()
    await page.getByRole('menuitem', { name: 'Log out', exact: true }).click()
    await page.waitForURL(/\/login$/)
    await page.goto(`${sous.url}/`)
    await page.waitForURL(/\/login$/)
    expectNoProblems(page, ['401 /api/v1/auth/login'])
    await page.context().close()
  })

  it('too many failed logins say how long to wait', async () => {
    const page = await openPage(browser)
    await page.goto(`${sous.url}/login`)
    for (let attempt = 0; attempt < 6; attempt++) {
      await logIn(page, 'olga@example.com', `wrong ${attempt}`)
      await expect.poll(() => page.getByRole('button', { name: 'Log in' }).isEnabled()).toBe(true)
    }
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/Wait \d+ minutes before the next try/)
    await screenshotBothWidths(page, 'login-throttled')
    expectNoProblems(page, ['401 /api/v1/auth/login', '429 /api/v1/auth/login'])
    await page.context().close()
    // Let the owner in again for the next test.
    await sous.database.pool.query('delete from login_throttle')
  })

  it('logging out everywhere ends the other sessions too', async () => {
    const laptop = await openPage(browser)
    const phone = await openPage(browser)
    for (const page of [laptop, phone]) {
      await page.goto(`${sous.url}/login`)
      await logIn(page, 'olga@example.com', PASSWORD)
      await page.waitForURL(/\/w\/.+\/compose$/)
    }
    await laptop.goto(`${sous.url}/profile`)
    await expect
      .poll(() => laptop.getByRole('heading', { name: 'Your profile' }).isVisible())
      .toBe(true)
    await expectAccessible(laptop, 'profile')
    await screenshotBothWidths(laptop, 'profile')
    await laptop.getByRole('button', { name: 'Log out everywhere' }).click()
    await laptop.waitForURL(/\/login$/)

    await phone.goto(`${sous.url}/w/${workspaceId}/review`)
    await phone.waitForURL(/\/login\?next=/)
    expectNoProblems(laptop)
    expectNoProblems(phone)
    await laptop.context().close()
    await phone.context().close()
  })
})
