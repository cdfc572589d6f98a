import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeUser, type MastodonFake, startMastodonFake } from './index.ts'

// The fake's own behaviour where the adapter depends on it, checked against the documented API.
describe('Mastodon contract fake', () => {
  let fake: MastodonFake
  let alice: FakeUser
  let bob: FakeUser
  beforeAll(async () => {
    fake = await startMastodonFake({ mediaProcessingPolls: 1 })
    alice = fake.createUser('alice', { note: 'I post <things>' })
    bob = fake.createUser('bob')
  })
  afterAll(() => fake.close())

  const call = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers)
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
    return fetch(`${fake.url}${path}`, { ...init, headers })
  }
  const post = (token: string, body: object, headers: Record<string, string> = {}) =>
    call('/api/v1/statuses', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it('replays a status for the same Idempotency-Key, checked before validation', async () => {
    const first = await post(alice.token, { status: 'once' }, { 'Idempotency-Key': 'k1' })
    const again = await post(alice.token, { status: 'once' }, { 'Idempotency-Key': 'k1' })
    const probe = await post(alice.token, {}, { 'Idempotency-Key': 'k1' })
    expect(first.status).toBe(200)
    const id = ((await first.json()) as { id: string }).id
    expect(((await again.json()) as { id: string }).id).toBe(id)
    expect(((await probe.json()) as { id: string }).id).toBe(id)
    const unknown = await post(alice.token, {}, { 'Idempotency-Key': 'never-used' })
    expect(unknown.status).toBe(422)
    expect(await unknown.json()).toEqual({ error: "Validation failed: Text can't be blank" })
    // Keys are per account.
    const other = await post(bob.token, { status: 'bob too' }, { 'Idempotency-Key': 'k1' })
    expect(((await other.json()) as { id: string }).id).not.toBe(id)
  })

  it('answers errors with the bodies and headers Mastodon sends', async () => {
    const denied = await post('not-a-token', { status: 'x' })
    expect(denied.status).toBe(401)
    expect(await denied.json()).toEqual({ error: 'The access token is invalid' })
    const long = await post(alice.token, { status: 'a'.repeat(501) })
    expect(long.status).toBe(422)
    expect(await long.json()).toEqual({
      error: 'Validation failed: Text character limit of 500 exceeded',
    })
    // Every URL counts 23 characters, whatever its length.
    const links = await post(alice.token, {
      status: `${'a'.repeat(470)} https://example.com/${'x'.repeat(100)}`,
    })
    expect(links.status).toBe(200)
    expect(links.headers.get('X-RateLimit-Limit')).toBe('300')
    expect(Number(links.headers.get('X-RateLimit-Remaining'))).toBeLessThan(300)
    expect(Date.parse(links.headers.get('X-RateLimit-Reset') ?? '')).toBeGreaterThan(Date.now())
  })

  it('answers 429 with X-RateLimit-* once the limit is used up', async () => {
    const limited = await startMastodonFake({ rateLimit: { limit: 2, periodMs: 60_000 } })
    try {
      const user = limited.createUser('carol')
      const get = () =>
        fetch(`${limited.url}/api/v1/accounts/verify_credentials`, {
          headers: { Authorization: `Bearer ${user.token}` },
        })
      expect((await get()).status).toBe(200)
      expect((await get()).status).toBe(200)
      const refused = await get()
      expect(refused.status).toBe(429)
      expect(await refused.json()).toEqual({ error: 'Too many requests' })
      expect(refused.headers.get('X-RateLimit-Remaining')).toBe('0')
      const reset = Date.parse(refused.headers.get('X-RateLimit-Reset') ?? '')
      expect(reset - Date.now()).toBeGreaterThan(50_000)
    } finally {
      await limited.close()
    }
  })

  it('pages notifications newest first through the Link header, without gaps', async () => {
    const dave = fake.createUser('dave')
    const erin = fake.actor(fake.createUser('erin'))
    const made = [1, 2, 3, 4, 5].map((n) => erin.mention(dave, `hello ${n}`).id)
    const seen: string[] = []
    let next: string | undefined = '/api/v1/notifications?limit=2'
    while (next) {
      const response = await call(next, { token: dave.token })
      const page = (await response.json()) as Array<{ type: string; status: { id: string } }>
      seen.push(...page.map((n) => n.status.id))
      const link = /<([^>]+)>; rel="next"/.exec(response.headers.get('Link') ?? '')?.[1]
      next = link ? link.replace(fake.url, '') : undefined
      if (page.length === 0) break
    }
    expect(seen).toEqual([...made].reverse())
    const prev = await call(`/api/v1/notifications?min_id=0&limit=2`, { token: dave.token })
    const oldest = (await prev.json()) as Array<{ status: { id: string } }>
    expect(oldest.map((n) => n.status.id)).toEqual([made[1], made[0]])
  })

  it('pages followers by the follow record, not the account id', async () => {
    const star = fake.createUser('star')
    const fans = ['f1', 'f2', 'f3'].map((name) => fake.createUser(name))
    for (const fan of fans) fake.actor(fan).follow(star)
    const first = await call(`/api/v1/accounts/${star.id}/followers?limit=2`, { token: star.token })
    const page = (await first.json()) as Array<{ id: string; followers_count: number }>
    expect(page.map((a) => a.id)).toEqual([fans[2]?.id, fans[1]?.id])
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('Link') ?? '')?.[1] ?? ''
    const maxId = new URL(next).searchParams.get('max_id')
    expect(maxId).not.toBe(fans[1]?.id)
    const rest = (await (
      await call(next.replace(fake.url, ''), { token: star.token })
    ).json()) as Array<{
      id: string
    }>
    expect(rest.map((a) => a.id)).toEqual([fans[0]?.id])
  })

  it('processes media asynchronously: 202 with url null, 206 while processing, then 200', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(8)], { type: 'image/png' }), 'pixel.png')
    form.append('description', 'eight zero bytes')
    const created = await call('/api/v2/media', { method: 'POST', token: alice.token, body: form })
    expect(created.status).toBe(202)
    const media = (await created.json()) as { id: string; url: string | null; description: string }
    expect(media).toMatchObject({ url: null, description: 'eight zero bytes' })
    const early = await post(alice.token, { status: 'too soon', media_ids: [media.id] })
    expect(early.status).toBe(422)
    expect((await call(`/api/v1/media/${media.id}`, { token: alice.token })).status).toBe(206)
    const done = await call(`/api/v1/media/${media.id}`, { token: alice.token })
    expect(done.status).toBe(200)
    expect(((await done.json()) as { url: string }).url).toMatch(/^http/)
    expect((await post(alice.token, { status: 'now', media_ids: [media.id] })).status).toBe(200)
  })

  it('renders content as Mastodon does: paragraphs, link spans, mentions, hashtags', async () => {
    const response = await post(alice.token, {
      status: `Hi @bob, see https://example.com/${'p'.repeat(40)} #Tag\n\nbye <b>`,
    })
    const status = (await response.json()) as { content: string; mentions: unknown[] }
    expect(status.content).toContain('<a href="http://127.0.0.1')
    expect(status.content).toContain('class="u-url mention">@<span>bob</span></a>')
    expect(status.content).toContain('<span class="invisible">https://</span>')
    expect(status.content).toContain('<span class="ellipsis">')
    expect(status.content).toContain('class="mention hashtag" rel="tag">#<span>Tag</span></a>')
    expect(status.content).toMatch(/<\/p><p>bye &lt;b&gt;<\/p>$/)
    expect(status.mentions).toHaveLength(1)
  })

  it('runs the authorization-code flow with a PKCE S256 check, and client credentials', async () => {
    const registered = await call('/api/v1/apps', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_name: 'pkce',
        redirect_uris: 'http://localhost/cb',
        scopes: 'read write',
      }),
    })
    const app = (await registered.json()) as { client_id: string; client_secret: string }
    const verifier = 'v'.repeat(50)
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    fake.signIn(alice)
    const authorize = await call(
      `/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent('http://localhost/cb')}&scope=read&state=s1&code_challenge=${challenge}&code_challenge_method=S256`,
      { redirect: 'manual' },
    )
    const location = new URL(authorize.headers.get('Location') ?? '')
    expect(location.searchParams.get('state')).toBe('s1')
    const exchange = (code: string, codeVerifier: string) =>
      call('/oauth/token', {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: app.client_id,
          client_secret: app.client_secret,
          redirect_uri: 'http://localhost/cb',
          code_verifier: codeVerifier,
        }),
      })
    const code = location.searchParams.get('code') ?? ''
    const wrong = await exchange(code, 'w'.repeat(50))
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' })
    const token = (await (await exchange(code, verifier)).json()) as { access_token: string }
    const me = await call('/api/v1/accounts/verify_credentials', { token: token.access_token })
    expect(await me.json()).toMatchObject({ id: alice.id, username: 'alice' })
    expect((await exchange(code, verifier)).status).toBe(400)

    const appToken = await call('/oauth/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
        redirect_uri: 'http://localhost/cb',
      }),
    })
    const appAccess = ((await appToken.json()) as { access_token: string }).access_token
    expect((await call('/api/v1/apps/verify_credentials', { token: appAccess })).status).toBe(200)
    expect((await call('/api/v1/accounts/verify_credentials', { token: appAccess })).status).toBe(
      401,
    )
  })
})

// The strictest server the adapter must work with; each behaviour here is one a real
// implementation of the API was seen to have.
describe('Mastodon contract fake, strict', () => {
  let fake: MastodonFake
  let alice: FakeUser
  let bob: FakeUser
  beforeAll(async () => {
    fake = await startMastodonFake({ strict: true })
    alice = fake.createUser('alice')
    bob = fake.createUser('bob')
  })
  afterAll(() => fake.close())

  const call = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers)
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
    return fetch(`${fake.url}${path}`, { ...init, headers })
  }
  const post = (body: object, headers: Record<string, string> = {}) =>
    call('/api/v1/statuses', {
      method: 'POST',
      token: alice.token,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it('refuses null and undocumented fields with 400, a message and the fields, no `error`', async () => {
    const refused = await post({ status: 'x', in_reply_to_id: null, sensitive: null })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      message: 'The request body does not match the API schema',
      errors: [
        { field: 'in_reply_to_id', message: 'must not be null: leave an optional field out' },
        { field: 'sensitive', message: 'must not be null: leave an optional field out' },
      ],
    })
    const unknown = await post({ status: 'x', skip_polling: true, visibility: 'everyone' })
    expect(((await unknown.json()) as { errors: unknown[] }).errors).toEqual([
      { field: 'skip_polling', message: 'is not a parameter of this endpoint' },
      { field: 'visibility', message: 'must be one of public, unlisted, private, direct' },
    ])
    expect((await post({ status: 'fine', sensitive: false, language: 'en' })).status).toBe(200)
  })

  it('validates the body before the Idempotency-Key: an empty probe is 400 whatever the key', async () => {
    const first = await post({ status: 'once' }, { 'Idempotency-Key': 'k1' })
    const id = ((await first.json()) as { id: string }).id
    const again = await post({ status: 'once' }, { 'Idempotency-Key': 'k1' })
    expect(((await again.json()) as { id: string }).id).toBe(id)
    const probe = await post({ status: '' }, { 'Idempotency-Key': 'k1' })
    expect(probe.status).toBe(400)
    expect(await probe.json()).not.toHaveProperty('error')
  })

  it('advertises and enforces limits of its own: 5,000 characters, every URL 256, 6 images', async () => {
    const instance = (await (await call('/api/v2/instance')).json()) as {
      configuration: { statuses: Record<string, number> }
    }
    expect(instance.configuration.statuses).toEqual({
      max_characters: 5000,
      max_media_attachments: 6,
      characters_reserved_per_url: 256,
    })
    const link = `https://example.com/${'x'.repeat(10)}`
    expect((await post({ status: `${'a'.repeat(4743)} ${link}` })).status).toBe(200)
    const long = await post({ status: `${'a'.repeat(4744)} ${link}` })
    expect(long.status).toBe(422)
    expect(await long.json()).toEqual({
      error: 'Validation failed: Text character limit of 5000 exceeded',
    })
  })

  it('pages with its own parameter and refuses max_id', async () => {
    const erin = fake.actor(fake.createUser('erin'))
    const made = [1, 2, 3].map((n) => erin.mention(bob, `hello ${n}`).id)
    const first = await call('/api/v1/notifications?limit=2', { token: bob.token })
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('Link') ?? '')?.[1] ?? ''
    expect(new URL(next).searchParams.get('max_id')).toBeNull()
    expect(new URL(next).searchParams.get('page')).toBeTruthy()
    const rest = await call(next.replace(fake.url, ''), { token: bob.token })
    type Page = Array<{ status: { id: string } }>
    const pages = [(await first.json()) as Page, (await rest.json()) as Page]
    const ids = pages.flat().map((n) => n.status.id)
    expect(ids).toEqual([...made].reverse())
    const refused = await call(`/api/v1/notifications?max_id=${made[2]}`, { token: bob.token })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      message: 'Unknown query parameter max_id: page with "page"',
    })
  })

  it('refuses to follow someone already followed (403)', async () => {
    const follow = () =>
      call(`/api/v1/accounts/${bob.id}/follow`, { method: 'POST', token: alice.token })
    expect((await follow()).status).toBe(200)
    expect((await follow()).status).toBe(403)
    const relationships = await call(`/api/v1/accounts/relationships?id[]=${bob.id}`, {
      token: alice.token,
    })
    expect(await relationships.json()).toMatchObject([{ id: bob.id, following: true }])
  })
})
