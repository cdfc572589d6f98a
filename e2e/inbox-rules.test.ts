import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

// The whole app on a real port with its owner and an editor; no account is needed to write
// rules or to try a pasted message.
let browser: Browser
let sous: RunningSous
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
let editor: Awaited<ReturnType<RunningSous['member']>>
beforeAll(async () => {
  ;[browser, sous] = await Promise.all([connectBrowser(), startSous()])
  owner = await sous.setupOwner('owner@example.com')
  editor = await sous.member(owner.workspace.id, 'editor')
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop()])
})

async function openAs(cookie: string): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  return page
}

/** Polls for up to 10 s: a page's first load on a busy machine takes longer than the default 1 s. */
const soon = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 10_000, interval: 100 })

async function openRules(page: WatchedPage) {
  await page.goto(`${sous.url}/w/${owner.workspace.id}/inbox`)
  await soon(() => page.getByRole('heading', { level: 1, name: 'Inbox' }).isVisible()).toBe(true)
  await page.getByRole('button', { name: 'Inbox settings' }).first().click()
  const drawer = page.getByRole('dialog', { name: 'Inbox settings' })
  await drawer.getByRole('tab', { name: 'Routing rules' }).click()
  return drawer
}

describe('routing rules in the inbox settings', () => {
  it('an owner adds a rule, saves it, finds it after a reload and tries a message on it', async () => {
    const page = await openAs(owner.cookie)
    let drawer = await openRules(page)
    await soon(() =>
      drawer.getByText(/No rules yet: every message stays unassigned/).isVisible(),
    ).toBe(true)
    await drawer.getByRole('button', { name: 'Add a rule' }).click()
    const rule = drawer.getByRole('group', { name: 'Rule 1' })
    await rule.getByRole('textbox', { name: 'Name' }).fill('Complaints go to me')
    await rule.getByRole('combobox', { name: 'Kind' }).click()
    await page.getByRole('option', { name: 'Complaint' }).click()
    await rule.getByRole('textbox', { name: 'Name' }).click()
    await rule.getByRole('combobox', { name: 'Assign to' }).click()
    await page.getByRole('option', { name: 'owner@example.com' }).click()
    await rule.getByRole('combobox', { name: 'Priority' }).click()
    await page.getByRole('option', { name: 'High' }).click()
    await drawer.getByRole('button', { name: 'Save rules' }).click()
    await soon(() => drawer.getByRole('status').getByText('Saved.').isVisible()).toBe(true)

    await page.reload()
    drawer = await openRules(page)
    const saved = drawer.getByRole('group', { name: 'Rule 1' })
    await soon(() => saved.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(
      'Complaints go to me',
    )
    await soon(() => saved.getByText('Complaint', { exact: true }).isVisible()).toBe(true)
    expect(await saved.getByRole('combobox', { name: 'Assign to' }).inputValue()).toBe(
      'owner@example.com',
    )
    expect(await saved.getByRole('combobox', { name: 'Priority' }).inputValue()).toBe('High')

    await drawer.getByRole('textbox', { name: 'Message' }).fill('This is broken, terrible service')
    await drawer.getByRole('button', { name: 'Try it' }).click()
    const result = drawer.getByRole('status', { name: 'How it would be routed' })
    await soon(() => result.getByText('Complaint', { exact: true }).isVisible()).toBe(true)
    await soon(() => result.getByText('Rule: Complaints go to me').isVisible()).toBe(true)
    await soon(() => result.getByText('Assigned to: owner@example.com').isVisible()).toBe(true)
    await expectAccessible(page, 'inbox routing rules')
    // The drawer scrolls by itself: the screenshot shows the trial's answer, not the form's top.
    await result.scrollIntoViewIfNeeded()
    await screenshotBothWidths(page, 'inbox-rules')
    expectNoProblems(page)
  })

  it('an editor sees the rules but may not change them', async () => {
    const page = await openAs(editor.cookie)
    const drawer = await openRules(page)
    const rule = drawer.getByRole('group', { name: 'Rule 1' })
    await soon(() => rule.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(
      'Complaints go to me',
    )
    expect(await rule.getByRole('textbox', { name: 'Name' }).isDisabled()).toBe(true)
    expect(await drawer.getByRole('button', { name: 'Save rules' }).count()).toBe(0)
    expect(await drawer.getByText('An admin changes these.', { exact: false }).count()).toBe(1)
    expectNoProblems(page)
  })
})
