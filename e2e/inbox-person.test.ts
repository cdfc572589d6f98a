import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pollAccountInbox } from '../src/commands/poll-account-inbox.ts'
import { createNetworkRegistry } from '../src/networks/registry.ts'
import { listenHttp } from '../src/runtime/listen-http.ts'
import { TEST_SECRET } from '../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../test/delivering-app.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
  type WatchedPage,
} from './browser.ts'

// A whole Sous with a Mastodon account on the CONTRACT FAKE and a running worker: Dana writes
// from her old and her new account, and a person tells Sous they are one person.
let browser: Browser
let app: DeliveringApp
let url: string
let closeHttp: () => Promise<void>
const ws = () => `/api/v1/workspaces/${app.owner.workspace.id}`

beforeAll(async () => {
  ;[browser, app] = await Promise.all([connectBrowser(), startDeliveringApp(['acme'])])
  const http = await listenHttp({
    host: '127.0.0.1',
    port: 0,
    fetch: (request, env) => app.t.app.fetch(request, env),
  })
  url = http.url
  closeHttp = () => http.close(1000)
  const acme = app.accounts.acme?.user
  if (!acme) throw new Error('no account')
  const mention = (name: string, text: string) =>
    app.fake.actor(app.fake.createUser(name)).mention(acme, text)
  mention('dana_old', 'Is the bakery open on Sunday?')
  mention('dana_new', 'My cake order was late, please help')
  await pollAccountInbox(
    app.t.database,
    { networks: createNetworkRegistry(app.t.config), secret: TEST_SECRET },
    app.accounts.acme?.accountId ?? '',
  )
  const inbox = await app.t.request('GET', `${ws()}/inbox`, { cookie: app.owner.cookie })
  expect(inbox.json.items, inbox.text).toHaveLength(2)
})
afterAll(async () => {
  await closeHttp?.()
  await Promise.all([browser?.close(), app?.close()])
})

async function openInbox(): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = app.owner.cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url }])
  await page.goto(`${url}/w/${app.owner.workspace.id}/inbox`)
  await expect
    .poll(() => page.getByRole('heading', { level: 1, name: 'Inbox' }).isVisible())
    .toBe(true)
  return page
}

async function openSettings(page: WatchedPage, tab: string) {
  await page.getByRole('button', { name: 'Inbox settings' }).first().click()
  const drawer = page.getByRole('dialog', { name: 'Inbox settings' })
  await drawer.getByRole('tab', { name: tab }).click()
  return drawer
}

describe('one person, by a person’s word', () => {
  it('merges Dana’s two accounts from the message, and separates them again', async () => {
    const page = await openInbox()
    await page
      .getByRole('list', { name: 'Messages' })
      .getByRole('button', { name: /@dana_old\b/ })
      .click()
    const who = page.getByRole('region', { name: 'Who said it' })
    await expect.poll(() => who.getByText('Is the bakery open on Sunday?').count()).toBe(0)
    await expect
      .poll(() => who.getByText('The first time they write to you.').isVisible())
      .toBe(true)

    await who.getByRole('button', { name: 'Same person as…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Same person as…' })
    await dialog.getByRole('combobox', { name: 'The other identity' }).fill('dana')
    // Dana's old account is this person already: only the new one is offered.
    await expect.poll(() => page.getByRole('option', { name: /@dana_new/ }).isVisible()).toBe(true)
    expect(await page.getByRole('option', { name: /@dana_old/ }).count()).toBe(0)
    await page.getByRole('option', { name: /@dana_new/ }).click()
    await expectAccessible(page, 'merge a person')
    await dialog.getByRole('button', { name: 'Merge @dana_new' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    await expect.poll(() => who.getByText(/^@dana_new\b/).isVisible()).toBe(true)
    await expect.poll(() => who.getByText(/My cake order was late/).isVisible()).toBe(true)
    await screenshotBothWidths(page, 'inbox-person-merged')

    await who.getByRole('button', { name: /^Separate @dana_new\b/ }).click()
    await expect.poll(() => who.getByText(/^@dana_new\b/).count()).toBe(0)
    await expect
      .poll(() => who.getByText('The first time they write to you.').isVisible())
      .toBe(true)
    expectNoProblems(page)
  })

  it('a routing rule names a person, found by typing, and still names them after a reload', async () => {
    const page = await openInbox()
    let drawer = await openSettings(page, 'Routing rules')
    await drawer.getByRole('button', { name: 'Add a rule' }).click()
    const rule = drawer.getByRole('group', { name: 'Rule 1' })
    await rule.getByRole('textbox', { name: 'Name' }).fill('Dana is a regular')
    await rule.getByRole('combobox', { name: 'From these people' }).fill('dana_n')
    await expect.poll(() => page.getByRole('option', { name: /@dana_new/ }).isVisible()).toBe(true)
    await page.getByRole('option', { name: /@dana_new/ }).click()
    await drawer.getByRole('button', { name: 'Save rules' }).click()
    await expect.poll(() => drawer.getByRole('status').getByText('Saved.').isVisible()).toBe(true)

    await page.reload()
    drawer = await openSettings(page, 'Routing rules')
    const saved = drawer.getByRole('group', { name: 'Rule 1' })
    await expect.poll(() => saved.getByText(/@dana_new/).isVisible()).toBe(true)
    const rules = await app.t.request('GET', `${ws()}/routing-rules`, { cookie: app.owner.cookie })
    expect(rules.json.items[0].conditions.personIds).toHaveLength(1)
    expectNoProblems(page)
  })

  it('a snippet saved in the settings starts a reply; the answer shows in the response times', async () => {
    const page = await openInbox()
    const drawer = await openSettings(page, 'Snippets')
    await expect.poll(() => drawer.getByText(/No snippets yet/).isVisible()).toBe(true)
    await drawer.getByRole('button', { name: 'Add a snippet' }).click()
    const editor = drawer.getByRole('form', { name: 'Snippet' })
    await editor.getByRole('textbox', { name: 'Name' }).fill('Opening hours')
    await editor.getByRole('textbox', { name: 'Text' }).fill('We open at 8 on Sundays.')
    await editor.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => drawer.getByText('We open at 8 on Sundays.').isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => drawer.isVisible()).toBe(false)

    await page
      .getByRole('list', { name: 'Messages' })
      .getByRole('button', { name: /@dana_old\b/ })
      .click()
    await page.getByRole('combobox', { name: 'Start from a snippet' }).click()
    await page.getByRole('option', { name: 'Opening hours' }).click()
    const reply = page.getByRole('textbox', { name: /^Reply as/ })
    await expect.poll(() => reply.inputValue()).toBe('We open at 8 on Sundays.')
    await reply.fill('Hi Dana! We open at 8 on Sundays.')
    await page.getByRole('button', { name: 'Send reply' }).click()
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .getByText(/sent|Sent/)
          .count(),
      )
      .toBeGreaterThan(0)

    const times = await openSettings(page, 'Response times')
    await expect.poll(() => times.getByText(/1 message first answered/).isVisible()).toBe(true)
    const byPerson = times.getByRole('table', { name: 'By person' })
    await expect.poll(() => byPerson.getByRole('rowheader').allTextContents()).toEqual(['you'])
    await expectAccessible(page, 'inbox response times')
    await screenshotBothWidths(page, 'inbox-response-times')
    expectNoProblems(page)
  })
})
