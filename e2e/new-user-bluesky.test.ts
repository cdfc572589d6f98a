import { AtpAgent } from '@atproto/api'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeliverJob } from '../src/jobs/deliver-job.ts'
import { createNetworkRegistry } from '../src/networks/registry.ts'
import { startWorker, type Worker } from '../src/queue/worker.ts'
import { TEST_SECRET } from '../test/app.ts'
import {
  type AtprotoNetwork,
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../test/peers/atproto-network.ts'
import { listPostRecords } from '../test/peers/atproto-records.ts'
import {
  connectBrowser,
  expectAccessible,
  expectNoProblems,
  openPage,
  screenshotBothWidths,
} from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

// Issue test 1: a person on a fresh instance, a Bluesky account on the local AT Protocol
// network (real PDS, PLC and AppView), a real worker. The PDS's repository is the judge.
let browser: Browser
let sous: RunningSous
let network: AtprotoNetwork
let worker: Worker
let person: TestAccount
let friend: TestAccount
beforeAll(async () => {
  network = await atprotoNetwork()
  ;[browser, sous, person, friend] = await Promise.all([
    connectBrowser(),
    startSous({
      env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', SOUS_BLUESKY_PLC_URL: network.plc },
    }),
    createTestAccount('baker'),
    createTestAccount('friend'),
  ])
  worker = await startWorker({
    database: sous.database,
    definitions: [
      createDeliverJob({ networks: createNetworkRegistry(sous.config), secret: TEST_SECRET }),
    ],
  })
})
afterAll(async () => {
  await worker?.stop(2_000)
  await Promise.all([browser?.close(), sous?.stop()])
})

type PostRecord = {
  text: string
  facets?: Array<{
    index: { byteStart: number; byteEnd: number }
    features: Array<{ $type: string; uri?: string; did?: string; tag?: string }>
  }>
  embed?: { $type: string; images?: Array<{ alt: string }> }
  langs?: string[]
  reply?: { root: { uri: string }; parent: { uri: string } }
}

/** The datetime-local value of the next whole minute at least `ahead` ms away, on the page's clock (Berlin). */
function berlinMinute(ahead: number): { value: string; at: Date } {
  const at = new Date(Date.now() + ahead)
  at.setSeconds(0, 0)
  at.setMinutes(at.getMinutes() + 1)
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return {
    value: `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`,
    at,
  }
}

describe('a new user on Bluesky', () => {
  it('sets up, connects an account on the local PDS, composes a link, a mention, a tag and an image with alt text, and it is published once with its facets and alt text', async () => {
    const page = await openPage(browser)
    await page.goto(sous.url)
    await page.waitForURL(/\/setup$/)
    await page.getByLabel('Your name').fill('Bea Baker')
    await page.getByLabel('Email').fill('bea@example.com')
    await page.getByRole('textbox', { name: 'Password' }).fill('a long passphrase')
    await page.getByLabel('Workspace name').fill('Bea’s Bakery')
    await page.getByRole('button', { name: 'Set up Sous' }).click()
    await page.waitForURL(/\/w\/[0-9a-f-]+\/compose$/)
    const ws = page.url().match(/\/w\/([0-9a-f-]+)\//)?.[1] ?? ''

    // Accounts: a Bluesky account with an app password, on this PDS rather than bsky.social.
    await page.getByRole('link', { name: 'Accounts' }).first().click()
    await page.getByRole('button', { name: 'Connect Bluesky' }).first().click()
    await page.getByLabel('Handle').fill(person.handle)
    await page.getByRole('textbox', { name: 'App password' }).fill(person.appPassword)
    await page.getByLabel('Your own PDS (optional)').fill(network.pds)
    await page.getByRole('button', { name: 'Connect Bluesky' }).last().click()
    await expect.poll(() => page.getByText(`${person.handle} is connected.`).isVisible()).toBe(true)

    // Compose: a link, a mention of someone on the network, a hashtag, an image with alt text.
    await page.getByRole('link', { name: 'Compose' }).first().click()
    await page
      .getByRole('checkbox', { name: new RegExp(person.handle.replace(/\./g, '\\.')) })
      .check()
    const text = `Fresh sourdough at 7 with @${friend.handle} — menu https://example.com/menu #bread`
    await page.getByLabel('Text', { exact: true }).fill(text)
    const png = await sharp({
      create: { width: 80, height: 60, channels: 3, background: { r: 210, g: 160, b: 90 } },
    })
      .png()
      .toBuffer()
    await page
      .getByLabel('Images to attach')
      .setInputFiles({ name: 'loaf.png', mimeType: 'image/png', buffer: png })
    const alt = 'A round sourdough loaf on a floured board'
    await page.getByLabel('Alt text for loaf.png').fill(alt)
    await page.getByText('Pick a time', { exact: true }).click()
    const due = berlinMinute(15_000)
    await page.getByLabel('Date and time').fill(due.value)
    await expect.poll(() => page.getByRole('button', { name: 'Schedule' }).isEnabled()).toBe(true)
    await screenshotBothWidths(page, 'new-user-compose')
    await page.getByRole('button', { name: 'Schedule' }).click()
    await page.waitForURL(/\/posts\/[0-9a-f-]+$/)
    const postId = page.url().split('/').pop() ?? ''

    // On the calendar, at its time, before it goes out.
    await page.getByRole('link', { name: 'Calendar' }).first().click()
    const entry = page.getByRole('article', {
      name: new RegExp(`${person.handle}: Fresh sourdough`),
    })
    await expect.poll(() => entry.count()).toBe(1)
    await expectAccessible(page, 'new-user-calendar')

    // It goes out once: the post detail links to it on the network.
    await page.goto(`${sous.url}/w/${ws}/posts/${postId}`)
    const delivery = page.getByRole('region', { name: `Variant for ${person.handle}` })
    const link = delivery.getByRole('link', { name: 'See it on the network' })
    await expect
      .poll(() => link.isVisible(), {
        timeout: Math.max(30_000, due.at.getTime() - Date.now() + 45_000),
        interval: 2_000,
      })
      .toBe(true)
    expect(await delivery.textContent()).toMatch(/Published/)
    const href = await link.getAttribute('href')
    const rkey = href?.split('/').pop() ?? ''
    expect(href).toBe(`https://bsky.app/profile/${person.did}/post/${rkey}`)
    await expectAccessible(page, 'new-user-post-published')
    await screenshotBothWidths(page, 'new-user-post-published')

    // The repository on the PDS: exactly one post, with the facets and the image's alt text.
    const records = await listPostRecords(new AtpAgent({ service: network.pds }), person.did)
    expect(records).toHaveLength(1)
    const [record] = records
    expect(record?.uri.endsWith(`/${rkey}`)).toBe(true)
    const value = record?.value as PostRecord
    expect(value.text).toBe(text)
    const bytes = Buffer.from(value.text)
    const spans = (value.facets ?? []).map((facet) => ({
      text: bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString(),
      feature: facet.features[0],
    }))
    expect(spans).toEqual(
      expect.arrayContaining([
        {
          text: `@${friend.handle}`,
          feature: { $type: 'app.bsky.richtext.facet#mention', did: friend.did },
        },
        {
          text: 'https://example.com/menu',
          feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/menu' },
        },
        { text: '#bread', feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'bread' } },
      ]),
    )
    expect(spans).toHaveLength(3)
    expect(value.embed?.$type).toBe('app.bsky.embed.images')
    expect(value.embed?.images?.map((i) => i.alt)).toEqual([alt])

    // Still once a while later: the worker does not send it again.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(await listPostRecords(new AtpAgent({ service: network.pds }), person.did)).toHaveLength(
      1,
    )
    // example.com cannot be read from the test machine: the link card is missing, said on the page.
    expectNoProblems(page, [`422 /api/v1/workspaces/${ws}/link-preview`])
    await page.context().close()
  }, 240_000)

  it('a thread with its own image on each post and a language, published now from the post page, lands as a thread with each alt text', async () => {
    const page = await openPage(browser)
    await page.goto(`${sous.url}/login`)
    await page.getByLabel('Email').fill('bea@example.com')
    await page.getByRole('textbox', { name: 'Password' }).fill('a long passphrase')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(/\/w\/[0-9a-f-]+\/compose$/)
    await page
      .getByRole('checkbox', { name: new RegExp(person.handle.replace(/\./g, '\\.')) })
      .check()
    await page.getByLabel('Text', { exact: true }).fill('Our week in bread, a thread')
    await page.getByRole('button', { name: 'Add a post to the thread' }).click()
    await page.getByRole('textbox', { name: 'Post 2 of the thread' }).fill('Tuesday: rye')
    const image = async (name: string, r: number) => ({
      name,
      mimeType: 'image/png',
      buffer: await sharp({
        create: { width: 40, height: 30, channels: 3, background: { r, g: 90, b: 60 } },
      })
        .png()
        .toBuffer(),
    })
    await page.getByLabel('Images to attach').setInputFiles(await image('week.png', 30))
    await page
      .getByLabel('Images for post 2 of the thread')
      .setInputFiles(await image('rye.png', 160))
    await page.getByLabel('Alt text for week.png').fill('Seven loaves in a row')
    await page.getByLabel('Alt text for rye.png').fill('A dark rye loaf, sliced')
    await page.getByRole('combobox', { name: 'Language', exact: true }).click()
    await page.getByRole('option', { name: 'English (en)' }).click()
    await page.getByRole('button', { name: 'Save as draft' }).click()
    await page.waitForURL(/\/posts\/[0-9a-f-]+$/)

    // From the post page: publish now.
    const card = page.getByRole('region', { name: 'Schedule it' })
    await card.getByText('Now', { exact: true }).click()
    await card.getByRole('button', { name: 'Publish now' }).click()
    const delivery = page.getByRole('region', { name: `Variant for ${person.handle}` })
    await expect
      .poll(() => delivery.getByRole('link', { name: 'See it on the network' }).count(), {
        timeout: 45_000,
        interval: 1_000,
      })
      .toBe(2)

    const thread = (await listPostRecords(new AtpAgent({ service: network.pds }), person.did))
      .map((r) => ({ uri: r.uri, value: r.value as PostRecord }))
      .filter(
        (r) => r.value.text === 'Our week in bread, a thread' || r.value.text === 'Tuesday: rye',
      )
    expect(thread).toHaveLength(2)
    const first = thread.find((r) => !r.value.reply)
    const second = thread.find((r) => r.value.reply)
    expect(first?.value.embed?.images?.map((i) => i.alt)).toEqual(['Seven loaves in a row'])
    expect(second?.value.embed?.images?.map((i) => i.alt)).toEqual(['A dark rye loaf, sliced'])
    expect(second?.value.reply?.parent.uri).toBe(first?.uri)
    expect([first?.value.langs, second?.value.langs]).toEqual([['en'], ['en']])
    expectNoProblems(page)
    await page.context().close()
  }, 120_000)
})
