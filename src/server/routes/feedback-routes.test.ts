import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'

let t: TestApp
let owner: TestOwner
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
let address = 0
const nextIp = () => `198.51.100.${++address}`

const inbox = async () =>
  (await t.request('GET', `${ws()}/inbox`, { cookie: owner.cookie })).json.items as Array<{
    text: string
    source: string
    eventKind: string
    kind: string
    sender: { name: string | null; contact: string | null } | null
    rule: { name: string } | null
    assigneeId: string | null
    priority: string
  }>

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  const saved = await t.request('PUT', `${ws()}/inbox-settings`, {
    cookie: owner.cookie,
    body: {
      businessHours: { timeZone: 'UTC', windows: [] },
      firstResponseTargetMinutes: 60,
      feedbackSlug: 'acme',
      feedbackEnabled: true,
    },
  })
  expect(saved.status).toBe(200)
})
afterAll(async () => {
  await t?.close()
})

describe('the public feedback page', () => {
  it('shows a form without JavaScript, styled only through its nonce', async () => {
    const res = await t.request('GET', '/f/acme')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.text).toContain('<h1>Write to Acme</h1>')
    expect(res.text).toContain('<form method="post" action="/f/acme">')
    expect(res.text).not.toContain('<script')
    const nonce = /<style nonce="([^"]+)">/.exec(res.text)?.[1]
    expect(res.headers.get('content-security-policy')).toContain(`style-src 'nonce-${nonce}'`)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it('answers an unknown or switched-off link with a 404 page, never the app', async () => {
    for (const path of ['/f/nobody-here', '/f/NOT_A_SLUG', '/f/x']) {
      const res = await t.request('GET', path)
      expect(res.status).toBe(404)
      expect(res.text).toContain('This feedback link does not exist')
    }
    const posted = await t.request('POST', '/f/nobody-here', { body: { message: 'hello' } })
    expect(posted.status).toBe(404)
    expect(posted.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe('sending feedback', () => {
  it('lands a form post in the inbox as feedback, classified and routed, then thanks the sender', async () => {
    await t.request('PUT', `${ws()}/routing-rules`, {
      cookie: owner.cookie,
      body: {
        items: [
          {
            name: 'Form complaints to the owner',
            conditions: { sources: ['feedback-form'], kinds: ['complaint'] },
            actions: { assigneeId: owner.user.id, priority: 'high' },
          },
        ],
      },
    })
    const res = await t.request('POST', '/f/acme', {
      headers: FORM,
      rawBody: form({
        message: 'The export is broken again, this is so frustrating <b>really</b>',
        name: 'Dana <script>',
        contact: 'dana@example.org',
        website: '',
      }),
      ip: nextIp(),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/f/acme?sent=1')
    const thanks = await t.request('GET', '/f/acme?sent=1')
    expect(thanks.text).toContain('Your message reached the Acme team')

    const item = (await inbox()).find((i) => i.text.startsWith('The export is broken'))
    expect(item).toMatchObject({
      source: 'feedback-form',
      eventKind: 'feedback',
      kind: 'complaint',
      sender: { name: 'Dana <script>', contact: 'dana@example.org' },
      rule: { name: 'Form complaints to the owner' },
      assigneeId: owner.user.id,
      priority: 'high',
    })
  })

  it('takes JSON too, and answers it in JSON', async () => {
    const res = await t.request('POST', '/f/acme', {
      body: { message: 'Could you add dark mode? It would be great.' },
      ip: nextIp(),
    })
    expect(res.status).toBe(202)
    expect(res.json).toEqual({ received: true })
    expect((await inbox()).some((i) => i.text.startsWith('Could you add dark mode'))).toBe(true)
  })

  it('stores nothing when the trap field is filled, and says nothing different', async () => {
    const before = (await inbox()).length
    const res = await t.request('POST', '/f/acme', {
      headers: FORM,
      rawBody: form({ message: 'cheap watches here', website: 'http://spam.example' }),
      ip: nextIp(),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/f/acme?sent=1')
    expect((await inbox()).length).toBe(before)
  })

  it('refuses an empty or too long message on the form, keeping what was typed (escaped)', async () => {
    const empty = await t.request('POST', '/f/acme', {
      headers: FORM,
      rawBody: form({ message: '   ', name: '"><img src=x onerror=alert(1)>' }),
      ip: nextIp(),
    })
    expect(empty.status).toBe(422)
    expect(empty.text).toContain('role="alert"')
    expect(empty.text).toContain('Your message: write a message')
    expect(empty.text).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"')
    expect(empty.text).not.toContain('<img')

    const long = await t.request('POST', '/f/acme', {
      body: { message: 'a'.repeat(5_001) },
      ip: nextIp(),
    })
    expect(long.status).toBe(422)
    expect(long.headers.get('content-type')).toBe('application/problem+json')
    expect(long.json.errors).toEqual([{ field: 'message', message: 'at most 5,000 characters' }])
  })

  it('refuses a body over the limit with 413, in the form of the request', async () => {
    const huge = 'a'.repeat(100_000)
    const json = await t.request('POST', '/f/acme', { body: { message: huge }, ip: nextIp() })
    expect(json.status).toBe(413)
    expect(json.json.detail).toContain('at most 5,000 characters')
    const html = await t.request('POST', '/f/acme', {
      headers: FORM,
      rawBody: form({ message: huge }),
      ip: nextIp(),
    })
    expect(html.status).toBe(413)
    expect(html.text).toContain('Your message was not sent')
  })

  it('refuses what is neither a form nor JSON, and wrong JSON shapes, without a 500', async () => {
    const plain = await t.request('POST', '/f/acme', {
      headers: { 'content-type': 'text/plain' },
      rawBody: 'hello',
      ip: nextIp(),
    })
    expect(plain.status).toBe(415)
    const wrong = await t.request('POST', '/f/acme', { body: { message: 42 }, ip: nextIp() })
    expect(wrong.status).toBe(400)
    expect(wrong.json.errors[0].field).toBe('message')
    const broken = await t.request('POST', '/f/acme', { rawBody: '{"message":', ip: nextIp() })
    expect(broken.status).toBe(400)
    const nul = await t.request('POST', '/f/acme', {
      headers: FORM,
      rawBody: form({ message: 'null \u0000 byte and a lone \uD800 surrogate' }),
      ip: nextIp(),
    })
    expect(nul.status).toBe(303)
  })
})

describe('the rate limit per address', () => {
  it('takes 5 messages from one address in 10 minutes, even all at once, then says when to retry', async () => {
    const ip = nextIp()
    const before = (await inbox()).length
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', '/f/acme', { body: { message: `burst message ${i}` }, ip }),
      ),
    )
    expect(burst.filter((r) => r.status === 202)).toHaveLength(5)
    const refused = burst.filter((r) => r.status === 429)
    expect(refused).toHaveLength(15)
    expect(refused[0]?.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(refused[0]?.json.detail).toMatch(/try again in \d+ minute/)
    expect((await inbox()).length).toBe(before + 5)

    const onPage = await t.request('POST', '/f/acme', {
      headers: FORM,
      rawBody: form({ message: 'one more, from the page' }),
      ip,
    })
    expect(onPage.status).toBe(429)
    expect(onPage.text).toContain('Too many messages from your address')
    expect(onPage.text).toContain('one more, from the page')

    const other = await t.request('POST', '/f/acme', { body: { message: 'hi' }, ip: nextIp() })
    expect(other.status).toBe(202)
  })

  it('is off when the workspace turns the form off', async () => {
    await t.request('PUT', `${ws()}/inbox-settings`, {
      cookie: owner.cookie,
      body: {
        businessHours: { timeZone: 'UTC', windows: [] },
        firstResponseTargetMinutes: 60,
        feedbackSlug: 'acme',
        feedbackEnabled: false,
      },
    })
    expect((await t.request('GET', '/f/acme')).status).toBe(404)
    const posted = await t.request('POST', '/f/acme', {
      headers: FORM,
      rawBody: form({ message: 'anyone there?' }),
      ip: nextIp(),
    })
    expect(posted.status).toBe(404)
    expect(posted.text).toContain('This feedback link does not exist')
  })
})
