import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pollAccountInbox } from '../src/commands/poll-account-inbox.ts'
import { countText } from '../src/core/text/count-text.ts'
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

// A whole Sous: a Mastodon account on the CONTRACT FAKE, a running worker (replies go out
// through the delivery engine), the web UI on a real port. Messages arrive the way they do in
// production: people write on the fake, Sous polls it.
let browser: Browser
let app: DeliveringApp
let url: string
let closeHttp: () => Promise<void>
let ours: string
const statuses = new Map<string, string>()
const ws = () => `/api/v1/workspaces/${app.owner.workspace.id}`
const poll = () =>
  pollAccountInbox(
    app.t.database,
    { networks: createNetworkRegistry(app.t.config), secret: TEST_SECRET },
    app.accounts.acme?.accountId ?? '',
  )
const template = (name: string) =>
  `Hi ${name}, thanks for reaching out! We are sorry for the trouble. Please send us your order number by DM and we will look into it right away.`

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
  // Our post goes out through Sous, so the inbox shows it as what people answer.
  const posted = await app.t.request('POST', `${ws()}/posts`, {
    cookie: app.owner.cookie,
    body: {
      variants: [
        { accountId: app.accounts.acme?.accountId, text: 'Our spring range is out today' },
      ],
      schedule: { now: true },
    },
  })
  expect(posted.status, posted.text).toBe(201)
  await vi.waitFor(() => expect(app.published(acme.id, 'Our spring range')).toHaveLength(1), {
    timeout: 15_000,
    interval: 100,
  })
  ours = [...app.fake.state.statuses.values()].find((s) => s.text.includes('Our spring range'))
    ?.id as string
  const say = (name: string, text: string) =>
    statuses.set(name, app.fake.actor(app.fake.createUser(name)).reply(ours, text).id)
  say('ann', 'Where is my order? It never arrived and nobody answers <script>alert(1)</script>')
  say('bob', 'My parcel is late too, this is really frustrating')
  say('cem', 'Still waiting for my delivery, it is not working at all')
  say('dora', 'My order is lost. Terrible service <img src=x onerror=alert(2)>')
  say('ed', 'Love the new colours, great work!')
  await poll()
  // Three others already got the same answer: the fourth is a form letter.
  const inbox = await app.t.request('GET', `${ws()}/inbox`, { cookie: app.owner.cookie })
  for (const name of ['bob', 'cem', 'ed']) {
    const item = inbox.json.items.find((i: { author: { handle: string } }) =>
      i.author.handle.startsWith(name),
    )
    const sent = await app.t.request('POST', `${ws()}/inbox/${item.id}/reply`, {
      cookie: app.owner.cookie,
      body: { text: template(name) },
    })
    expect(sent.status, sent.text).toBe(202)
    // Answered: back to open, so the page lists it among the open ones.
    await app.t.request('PATCH', `${ws()}/inbox/${item.id}`, {
      cookie: app.owner.cookie,
      body: { status: 'open' },
    })
  }
})
afterAll(async () => {
  await closeHttp?.()
  await Promise.all([browser?.close(), app?.close()])
})

async function openAs(cookie: string): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url }])
  // A message's markup must stay text: any dialog means a script ran.
  page.on('dialog', (dialog) => {
    page.problems.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  return page
}

const selected = (page: WatchedPage) =>
  page.locator('[aria-label="Messages"] [aria-current="true"]').getAttribute('id')
/** Polls for up to 10 s: a page's first load on a busy machine takes longer than the default 1 s. */
const soon = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 10_000, interval: 100 })

describe('the inbox page', () => {
  it('lists what people said, with the conversation, the reading and its reasons; markup stays text', async () => {
    const page = await openAs(app.owner.cookie)
    await page.goto(`${url}/w/${app.owner.workspace.id}/inbox`)
    await soon(() => page.getByRole('heading', { level: 1, name: 'Inbox' }).isVisible()).toBe(true)
    await soon(() => page.getByRole('button', { name: /@ann\b/ }).isVisible()).toBe(true)
    await soon(() => page.getByText('Live', { exact: true }).isVisible()).toBe(true)
    const detail = page.getByRole('region', { name: 'Selected message' })
    await page.getByRole('button', { name: /@ann\b/ }).click()
    await soon(() =>
      detail
        .getByText('It never arrived and nobody answers <script>alert(1)</script>')
        .first()
        .isVisible(),
    ).toBe(true)
    await soon(() => detail.getByText('Our spring range is out today').isVisible()).toBe(true)
    await soon(() => detail.getByRole('list', { name: 'Why it was read so' }).isVisible()).toBe(
      true,
    )
    await soon(() => detail.getByText('No routing rule matched it.').isVisible()).toBe(true)
    await soon(() => page.getByRole('button', { name: /^Open · \d+/ }).isVisible()).toBe(true)
    await page.getByRole('button', { name: /@dora\b/ }).click()
    await soon(() =>
      detail.getByText('Terrible service <img src=x onerror=alert(2)>').first().isVisible(),
    ).toBe(true)
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    await expectAccessible(page, 'inbox')
    await screenshotBothWidths(page, 'inbox')
    expectNoProblems(page)
  })

  it('shows a new message without a reload', async () => {
    const page = await openAs(app.owner.cookie)
    await page.goto(`${url}/w/${app.owner.workspace.id}/inbox`)
    await soon(() => page.getByText('Live', { exact: true }).isVisible()).toBe(true)
    statuses.set(
      'fay',
      app.fake.actor(app.fake.createUser('fay')).reply(ours, 'Do you ship to Norway?').id,
    )
    await poll()
    await soon(() => page.getByRole('button', { name: /@fay\b/ }).isVisible()).toBe(true)
    expectNoProblems(page)
  })

  it('triages by keyboard: j/k select, a assigns, # tags, s snoozes, e done, x spam', async () => {
    const page = await openAs(app.owner.cookie)
    await page.goto(`${url}/w/${app.owner.workspace.id}/inbox`)
    await soon(() => page.getByRole('button', { name: /@ann\b/ }).isVisible()).toBe(true)
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).click()
    const first = await selected(page)
    await page.keyboard.press('j')
    await soon(() => selected(page)).not.toBe(first)
    await page.keyboard.press('k')
    await soon(() => selected(page)).toBe(first)

    // ? lists the inbox's keys.
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await soon(() => help.getByText('Mark it spam (and done)').isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await soon(() => help.isVisible()).toBe(false)

    await page.getByRole('button', { name: /@fay\b/ }).click()
    await page.keyboard.press('a')
    const assign = page.getByRole('dialog', { name: 'Assign to' })
    await soon(() => assign.isVisible()).toBe(true)
    await assign.getByRole('combobox', { name: 'Who answers it' }).click()
    await page.getByRole('option', { name: 'owner@example.com' }).click()
    await assign.getByRole('button', { name: 'Assign' }).click()
    const detail = page.getByRole('region', { name: 'Selected message' })
    await soon(() => detail.getByText(/assigned to you/).isVisible()).toBe(true)

    await page.keyboard.press('#')
    const tags = page.getByRole('dialog', { name: 'Tag this message' })
    await tags.getByLabel('Tags').fill('shipping')
    await page.keyboard.press('Enter')
    await tags.getByRole('button', { name: 'Save tags' }).click()
    await soon(() => detail.getByText('shipping', { exact: true }).isVisible()).toBe(true)

    await page.keyboard.press('s')
    const snooze = page.getByRole('dialog', { name: 'Snooze until' })
    await snooze.getByRole('button', { name: 'Tomorrow 9:00' }).click()
    await soon(() => page.getByRole('button', { name: /@fay\b/ }).count()).toBe(0)
    await soon(() => page.getByRole('button', { name: /^Snoozed · 1/ }).isVisible()).toBe(true)

    await page.getByRole('button', { name: /@ed\b/ }).click()
    await page.keyboard.press('e')
    await soon(() => page.getByRole('button', { name: /@ed\b/ }).count()).toBe(0)

    await page.getByRole('button', { name: /@cem\b/ }).click()
    await page.keyboard.press('x')
    await soon(() => page.getByRole('button', { name: /@cem\b/ }).count()).toBe(0)

    const items = (await app.t.request('GET', `${ws()}/inbox`, { cookie: app.owner.cookie })).json
      .items as Array<{
      author: { handle: string }
      status: string
      kind: string
      tags: string[]
      assigneeId: string
    }>
    const of = (name: string) => items.find((i) => i.author.handle.startsWith(name))
    expect(of('fay')).toMatchObject({
      status: 'snoozed',
      tags: ['shipping'],
      assigneeId: app.owner.user.id,
    })
    expect(of('ed')?.status).toBe('done')
    expect(of('cem')).toMatchObject({ status: 'done', kind: 'spam' })
    expectNoProblems(page)
  })

  it('replies with r: counted, sent once threaded under theirs; a form letter asks first', async () => {
    const page = await openAs(app.owner.cookie)
    await page.goto(`${url}/w/${app.owner.workspace.id}/inbox`)
    await page.getByRole('button', { name: /@ann\b/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).click()
    await page.keyboard.press('r')
    const box = page.getByRole('textbox', { name: /^Reply as @acme/ })
    await soon(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Sorry Ann, I am looking into it now. ')
    await soon(() => page.getByText(/^\d+ left$/).isVisible()).toBe(true)
    // The account's own limit, counted as its network counts: the same number the server uses.
    const accounts = await app.t.request('GET', `${ws()}/accounts`, { cookie: app.owner.cookie })
    const counted = countText(
      accounts.json.items[0].limits.text,
      'Sorry Ann, I am looking into it now. ',
    )
    const left = Number((await page.getByText(/^\d+ left$/).textContent())?.replace(/\D/g, ''))
    expect(left).toBe(counted.remaining)
    await page.keyboard.press('Control+Enter')
    await soon(() => page.getByRole('status').filter({ hasText: 'goes out now' }).isVisible()).toBe(
      true,
    )
    const acme = app.accounts.acme?.user.id ?? ''
    await vi.waitFor(() => expect(app.published(acme, 'Sorry Ann')).toHaveLength(1), {
      timeout: 15_000,
      interval: 100,
    })
    const reply = [...app.fake.state.statuses.values()].find((s) => s.text.includes('Sorry Ann'))
    expect(reply?.inReplyToId).toBe(statuses.get('ann'))

    const dora = (
      await app.t.request('GET', `${ws()}/inbox`, { cookie: app.owner.cookie })
    ).json.items.find((i: { author: { handle: string } }) => i.author.handle.startsWith('dora'))
    await page.getByRole('button', { name: /@dora\b/ }).click()
    await page.getByRole('textbox', { name: /^Reply as @acme/ }).fill(template('dora'))
    await page.getByRole('button', { name: 'Send reply' }).click()
    const warning = page.getByRole('alert').filter({ hasText: 'This reads like a form letter' })
    await soon(() => warning.isVisible()).toBe(true)
    await expectAccessible(page, 'inbox form letter')
    await screenshotBothWidths(page, 'inbox-form-letter')
    expect(app.published(acme, 'Hi dora')).toHaveLength(0)
    await warning.getByRole('button', { name: 'Send it anyway' }).click()
    await vi.waitFor(() => expect(app.published(acme, 'Hi dora')).toHaveLength(1), {
      timeout: 15_000,
      interval: 100,
    })
    // The refusal the warning came from is the one answer the browser logged.
    expectNoProblems(page, [`409 ${ws()}/inbox/${dora.id}/reply`])
  })

  it('a contributor’s reply waits for approval', async () => {
    app.fake.actor(app.fake.createUser('gus')).reply(ours, 'Is the blue one back in stock?')
    await poll()
    const contributor = await app.t.member(app.owner.workspace.id, 'contributor')
    const page = await openAs(contributor.cookie)
    await page.goto(`${url}/w/${app.owner.workspace.id}/inbox`)
    await page.getByRole('button', { name: /@gus\b/ }).click()
    await page.getByRole('textbox', { name: /^Reply as @acme/ }).fill('Gus, it is back on Friday.')
    await page.getByRole('button', { name: 'Send reply' }).click()
    await soon(() =>
      page.getByRole('status').filter({ hasText: 'Waiting for approval' }).isVisible(),
    ).toBe(true)
    expect(app.published(app.accounts.acme?.user.id ?? '', 'Gus, it is back')).toHaveLength(0)
    expectNoProblems(page)
  })

  it('an empty inbox says what to do next', async () => {
    const other = await app.t.otherWorkspace(app.owner.user.id, 'Quiet')
    const page = await openAs(app.owner.cookie)
    await page.goto(`${url}/w/${other.id}/inbox`)
    await soon(() => page.getByRole('heading', { name: 'Nothing to answer' }).isVisible()).toBe(
      true,
    )
    await soon(() => page.getByRole('link', { name: 'Connect an account' }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Turn on the feedback link' }).click()
    const drawer = page.getByRole('dialog', { name: 'Inbox settings' })
    await drawer.getByRole('textbox', { name: 'Feedback link name' }).fill('quiet-team')
    await drawer.getByRole('switch', { name: /Anyone with the link/ }).check()
    await drawer.getByRole('button', { name: 'Save' }).click()
    await soon(() => drawer.getByRole('status').getByText('Saved.').isVisible()).toBe(true)
    await expectAccessible(page, 'inbox settings')
    await page.keyboard.press('Escape')
    await soon(() => page.getByText(`${url}/f/quiet-team`).isVisible()).toBe(true)
    await expectAccessible(page, 'inbox empty')
    await screenshotBothWidths(page, 'inbox-empty')
    expectNoProblems(page)
  })
})
