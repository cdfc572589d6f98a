import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MastodonFake, startMastodonFake } from '../../../test/peers/mastodon-fake/index.ts'
import { CALLBACK_URL, connectByOAuth, testAdapter } from '../../../test/peers/mastodon-harness.ts'
import { failureOf } from '../contract-suite.ts'
import { normalizeInstance } from './authorize.ts'

describe('Mastodon OAuth against the contract fake', () => {
  let fake: MastodonFake
  const adapter = testAdapter()
  beforeAll(async () => {
    fake = await startMastodonFake({ limits: { maxCharacters: 1000, maxMediaAttachments: 6 } })
  })
  afterAll(() => fake.close())

  it('registers, authorizes with PKCE S256 and state, exchanges the code, and connects', async () => {
    const user = fake.createUser('oauthuser', { displayName: 'OAuth User', note: 'hi <there>' })
    const registration = await adapter.registerApp(fake.url, {
      clientName: 'Sous',
      redirectUri: CALLBACK_URL,
    })
    expect(registration).toMatchObject({ instance: fake.url, redirectUri: CALLBACK_URL })
    expect(registration.scopes).toBe('read write:statuses write:media write:follows')
    expect(await adapter.checkRegistration(registration)).toBe(true)

    const authorization = adapter.authorizationUrl(registration)
    const url = new URL(authorization.url)
    expect(url.pathname).toBe('/oauth/authorize')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('state')).toBe(authorization.state)
    expect(authorization.codeVerifier).toMatch(/^[\w-]{43}$/)

    fake.signIn(user)
    const approved = await fetch(authorization.url, { redirect: 'manual' })
    const callback = new URL(approved.headers.get('location') ?? '')
    expect(callback.searchParams.get('state')).toBe(authorization.state)
    const code = callback.searchParams.get('code') ?? ''

    const wrongVerifier = await failureOf(
      adapter.exchangeCode(registration, { code, codeVerifier: 'x'.repeat(43) }),
    )
    expect(wrongVerifier).toMatchObject({ kind: 'rejected' })
    expect(wrongVerifier.kind === 'rejected' && wrongVerifier.reason).toContain('invalid_grant')

    const connected = await adapter.exchangeCode(registration, {
      code,
      codeVerifier: authorization.codeVerifier,
    })
    const host = new URL(fake.url).host
    expect(connected.identity).toEqual({
      id: user.id,
      handle: `oauthuser@${host}`,
      displayName: 'OAuth User',
      url: `${fake.url}/@oauthuser`,
    })
    expect(connected.credentials).toMatchObject({
      instance: fake.url,
      accountId: user.id,
      handle: `oauthuser@${host}`,
      limits: { maxCharacters: 1000, maxMediaAttachments: 6, charactersReservedPerUrl: 23 },
    })
    expect(adapter.capabilitiesFor(connected.credentials).text.max).toBe(1000)
    // A code works once.
    expect(
      await failureOf(
        adapter.exchangeCode(registration, { code, codeVerifier: authorization.codeVerifier }),
      ),
    ).toMatchObject({ kind: 'rejected' })
  })

  it('verifies the account and saves limits the instance changed since', async () => {
    const session = await connectByOAuth(adapter, fake, fake.createUser('verifyuser'))
    const identity = await adapter.verify(session)
    expect(identity.handle).toBe(`verifyuser@${new URL(fake.url).host}`)
    expect(session.saved).toEqual([])
    fake.state.limits.maxCharacters = 2000
    try {
      await adapter.verify(session)
      expect(session.saved.at(-1)?.limits.maxCharacters).toBe(2000)
      expect(session.credentials.limits.maxCharacters).toBe(2000)
    } finally {
      fake.state.limits.maxCharacters = 1000
    }
  })

  it('tells a registration the instance no longer knows', async () => {
    const registration = await adapter.registerApp(fake.url, {
      clientName: 'Sous',
      redirectUri: CALLBACK_URL,
    })
    fake.state.apps.delete(registration.clientId)
    expect(await adapter.checkRegistration(registration)).toBe(false)
  })

  it('refuses an address that is not a Mastodon-compatible instance', async () => {
    const server = http.createServer((_, response) => {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const failure = await failureOf(
        adapter.registerApp(`http://127.0.0.1:${port}`, {
          clientName: 'Sous',
          redirectUri: CALLBACK_URL,
        }),
      )
      expect(failure).toMatchObject({ kind: 'rejected' })
      expect(failure.kind === 'rejected' && failure.reason).toMatch(/not a Mastodon-compatible/)
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('refuses private addresses with the production fetch (SSRF guard)', async () => {
    const guarded = (await import('./index.ts')).createMastodonAdapter()
    const failure = await failureOf(
      guarded.registerApp(fake.url, { clientName: 'Sous', redirectUri: CALLBACK_URL }),
    )
    expect(failure.kind).toBe('rejected')
    expect(failure.kind === 'rejected' && failure.reason).toMatch(/private or reserved address/)
  })

  it('normalizes what a person types as the instance', () => {
    expect(normalizeInstance('mastodon.social')).toBe('https://mastodon.social')
    expect(normalizeInstance(' https://Mastodon.Social/about ')).toBe('https://mastodon.social')
    expect(normalizeInstance('@me@fosstodon.org')).toBe('https://fosstodon.org')
    expect(normalizeInstance('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000')
    expect(() => normalizeInstance('ftp://example.com')).toThrow(/not an instance address/)
    expect(() => normalizeInstance('https://user:pw@example.com')).toThrow(/not an instance/)
  })
})
