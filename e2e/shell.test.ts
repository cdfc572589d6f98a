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

let browser: Browser
let sous: RunningSous
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
let editorCookie: string
beforeAll(async () => {
  ;[browser, sous] = await Promise.all([connectBrowser(), startSous()])
  owner = await sous.setupOwner('olga@example.com')
  editorCookie = (await sous.member(owner.workspace.id, 'editor', 'eda@example.com')).cookie
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop()])
})

/** A page logged in with a session the test already has. */
async function openAs(cookie: string): Promise<WatchedPage> {
  const page = await openPage(browser)
  const [name, value] = cookie.split('=') as [string, string]
  await page.context().addCookies([{ name, value, url: sous.url }])
  return page
}

const ws = () => `/w/${owner.workspace.id}`

describe('the workspace shell', () => {
  it('every page opens in the shell, reads well at 1280 and 390 px, and passes axe', async () => {
    const page = await openAs(owner.cookie)
    for (const [path, heading] of [
      ['compose', 'Compose'],
      ['calendar', 'Calendar'],
      ['queues', 'Queues'],
      ['review', 'Review'],
      ['inbox', 'Inbox'],
      ['curate', 'Suggestions'],
      ['listen', 'Listen'],
      ['people', 'People'],
      ['measure', 'Measure'],
      ['accounts', 'Accounts'],
      ['settings', 'Team & settings'],
    ] as const) {
      await page.goto(`${sous.url}${ws()}/${path}`)
      await expect
        .poll(() => page.getByRole('heading', { name: heading, level: 1 }).isVisible())
        .toBe(true)
      await expectAccessible(page, path)
      await screenshotBothWidths(page, path)
    }
    expectNoProblems(page)
    await page.context().close()
  })

  it('moves between pages from the menu and by keyboard, and ? lists the shortcuts', async () => {
    const page = await openAs(owner.cookie)
    await page.goto(`${sous.url}${ws()}/compose`)
    await page.getByRole('link', { name: 'Review' }).click()
    await page.waitForURL(`${sous.url}${ws()}/review`)
    await page.keyboard.press('g')
    await page.keyboard.press('l')
    await page.waitForURL(`${sous.url}${ws()}/calendar`)

    await page.keyboard.press('?')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const listed = await dialog.textContent()
    for (const text of [
      'Go to Compose',
      'Go to Team & settings',
      'Pull the brake',
      'Show this list',
    ])
      expect(listed).toContain(text)
    await expectAccessible(page, 'shortcuts')
    await screenshotBothWidths(page, 'shortcuts')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)

    // Another workspace of the same person: the switcher keeps the page when the role allows it.
    const other = await sous.otherWorkspace(owner.user.id, 'Bakery Two')
    await page.reload()
    await page.getByRole('combobox', { name: 'Workspace' }).click()
    await page.getByRole('option', { name: 'Bakery Two · owner' }).click()
    await page.waitForURL(`${sous.url}/w/${other.id}/calendar`)
    await page.goBack()
    await page.waitForURL(`${sous.url}${ws()}/calendar`)

    // At 390 px the menu sits behind a button.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByRole('button', { name: 'Open the menu' }).click()
    await page.getByRole('link', { name: 'Accounts' }).click()
    await page.waitForURL(`${sous.url}${ws()}/accounts`)
    expectNoProblems(page)
    await page.context().close()
  })

  it('an editor pulls the brake with a reason; everyone sees the banner; an admin releases it from Review', async () => {
    const editor = await openAs(editorCookie)
    await editor.goto(`${sous.url}${ws()}/calendar`)
    await editor.getByRole('button', { name: 'Brake' }).click()
    const dialog = editor.getByRole('dialog', { name: 'Pull the brake' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    // The reason is required: without it there is nothing to pull.
    expect(await dialog.getByRole('button', { name: 'Pull the brake' }).isDisabled()).toBe(true)
    await dialog.getByLabel('Reason').fill('Breaking news: hold everything cheerful')
    await expectAccessible(editor, 'brake dialog')
    await screenshotBothWidths(editor, 'brake-dialog')
    await dialog.getByRole('button', { name: 'Pull the brake' }).click()

    const banner = editor.getByRole('alert').filter({ hasText: 'The brake is on: deliveries of' })
    await expect.poll(() => banner.isVisible()).toBe(true)
    const said = await banner.textContent()
    expect(said).toContain('every account of Acme')
    expect(said).toContain('Breaking news: hold everything cheerful')
    expect(said).toContain('— you,')
    // An editor may stop, not resume.
    expect(said).toContain('An admin of this workspace resumes deliveries')
    await expectAccessible(editor, 'brake banner')
    await screenshotBothWidths(editor, 'brake-banner')

    const admin = await openAs(owner.cookie)
    await admin.goto(`${sous.url}${ws()}/compose`)
    const seenByAdmin = admin
      .getByRole('alert')
      .filter({ hasText: 'The brake is on: deliveries of' })
    await expect.poll(() => seenByAdmin.textContent()).toContain('— eda@example.com,')
    await admin.getByRole('link', { name: 'Review what is queued and release' }).click()
    await admin.waitForURL(new RegExp(`${ws()}/review\\?brake=`))
    await admin.getByRole('button', { name: 'Release…' }).click()
    const confirm = admin.getByRole('dialog', { name: 'Resume deliveries?' })
    await confirm.getByRole('button', { name: 'Release the brake' }).click()
    await expect.poll(() => confirm.isVisible()).toBe(false)
    await expect
      .poll(() =>
        admin.getByRole('alert').filter({ hasText: 'The brake is on: deliveries of' }).count(),
      )
      .toBe(0)
    const brakes = await sous.request('GET', '/api/v1/brake', { cookie: owner.cookie })
    expect(brakes.json.items).toEqual([])
    expectNoProblems(editor)
    expectNoProblems(admin)
    await editor.context().close()
    await admin.context().close()
  })

  it('a refused release says why in the dialog where the person clicked', async () => {
    const pulled = await sous.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'workspace', workspaceId: owner.workspace.id, reason: 'Client asked' },
    })
    expect(pulled.status).toBe(201)
    const admin = await openAs(owner.cookie)
    await admin.goto(`${sous.url}${ws()}/review`)
    await admin.getByRole('button', { name: 'Release…' }).click()
    // Someone else releases it first: the server refuses the second release.
    await sous.request('DELETE', `/api/v1/brake/${pulled.json.id}`, { cookie: owner.cookie })
    const confirm = admin.getByRole('dialog', { name: 'Resume deliveries?' })
    await confirm.getByRole('button', { name: 'Release the brake' }).click()
    await expect.poll(() => confirm.getByRole('alert').isVisible()).toBe(true)
    expect(await confirm.getByRole('alert').textContent()).toContain('The brake is still on')
    expectNoProblems(admin, [
      `404 /api/v1/brake/${pulled.json.id}`,
      `409 /api/v1/brake/${pulled.json.id}`,
    ])
    await admin.context().close()
  })

  it('counts the open inbox beside Inbox in the menu, for each person', async () => {
    const api = `/api/v1/workspaces/${owner.workspace.id}`
    const settings = await sous.request('PUT', `${api}/inbox-settings`, {
      cookie: owner.cookie,
      body: {
        businessHours: { timeZone: 'Europe/Berlin', windows: [] },
        firstResponseTargetMinutes: 120,
        feedbackSlug: 'olga-feedback',
        feedbackEnabled: true,
      },
    })
    expect(settings.status, settings.text).toBe(200)
    for (const [n, message] of ['Where is my order?', 'The export is broken again'].entries()) {
      const sent = await sous.request('POST', '/f/olga-feedback', {
        body: { message },
        ip: `198.51.100.${n + 1}`,
      })
      expect(sent.status, sent.text).toBe(202)
    }
    const items = (await sous.request('GET', `${api}/inbox`, { cookie: owner.cookie })).json.items
    const assigned = await sous.request('PATCH', `${api}/inbox/${items[0].id}`, {
      cookie: owner.cookie,
      body: { assigneeId: owner.user.id },
    })
    expect(assigned.status, assigned.text).toBe(200)

    const page = await openAs(owner.cookie)
    await page.goto(`${sous.url}${ws()}/calendar`)
    const inbox = page.getByRole('link', { name: /^Inbox/ })
    await expect.poll(() => inbox.textContent()).toContain('2 open, 1 yours')
    await expectAccessible(page, 'menu counts')
    await screenshotBothWidths(page, 'menu-counts')

    const done = await sous.request('PATCH', `${api}/inbox/${items[1].id}`, {
      cookie: owner.cookie,
      body: { status: 'done' },
    })
    expect(done.status, done.text).toBe(200)
    const editor = await openAs(editorCookie)
    await editor.goto(`${sous.url}${ws()}/calendar`)
    await expect
      .poll(() => editor.getByRole('link', { name: /^Inbox/ }).textContent())
      .toContain('1 open')
    expect(await editor.getByRole('link', { name: /^Inbox/ }).textContent()).not.toContain('yours')
    expectNoProblems(page)
    expectNoProblems(editor)
    await page.context().close()
    await editor.context().close()
  })
})
