import type { mastodon } from 'masto'
import { describe, expect, it } from 'vitest'
import { toListenEvent } from './listen.ts'

const NOW = Date.parse('2026-12-01T12:00:00Z')

const status = (extra: Partial<Record<string, unknown>> = {}) =>
  ({
    id: '113',
    uri: 'https://remote.example/users/ann/statuses/9',
    url: 'https://remote.example/@ann/9',
    createdAt: '2026-12-01T11:59:00.000Z',
    visibility: 'public',
    language: 'de',
    spoilerText: '',
    content:
      '<p>Frisches <a href="https://here.example/tags/brot">#<span>Brot</span></a> von @bob</p>',
    reblog: null,
    account: { acct: 'ann@remote.example', username: 'ann', url: 'https://remote.example/@ann' },
    tags: [{ name: 'brot', url: 'https://here.example/tags/brot' }],
    mentions: [{ acct: 'bob', username: 'bob', url: 'https://here.example/@bob', id: '1' }],
    ...extra,
  }) as unknown as mastodon.v1.Status

describe('a Mastodon status as a listening event', () => {
  it('keys it by its ActivityPub URI, opens it at its URL, with its tags, mentions, language and author', () => {
    expect(toListenEvent(status(), NOW)).toEqual({
      did: 'https://remote.example/@ann',
      rkey: 'https://remote.example/users/ann/statuses/9',
      uri: 'https://remote.example/@ann/9',
      url: 'https://remote.example/@ann/9',
      timeUs: Date.parse('2026-12-01T11:59:00Z') * 1_000,
      createdAt: '2026-12-01T11:59:00.000Z',
      network: 'mastodon',
      post: {
        text: 'Frisches #Brot von @bob',
        lang: ['de'],
        author: ['ann@remote.example'],
        hashtags: ['brot'],
        mentions: ['bob'],
      },
    })
  })

  it('counts a post from the future at the time it was read, keeps the content warning, drops NUL', () => {
    const event = toListenEvent(
      status({ createdAt: '2027-01-01T00:00:00.000Z', spoilerText: 'food\u0000' }),
      NOW,
    )
    expect(event?.timeUs).toBe(NOW * 1_000)
    expect(event?.post.text).toBe('food\n\nFrisches #Brot von @bob')
  })

  it('passes over reblogs, non-public and malformed statuses, and ones without text', () => {
    expect(toListenEvent(status({ reblog: status() }), NOW)).toBeNull()
    expect(toListenEvent(status({ visibility: 'unlisted' }), NOW)).toBeNull()
    expect(toListenEvent(status({ content: '<p></p>' }), NOW)).toBeNull()
    expect(toListenEvent(status({ account: null }), NOW)).toBeNull()
    expect(toListenEvent({} as mastodon.v1.Status, NOW)).toBeNull()
  })
})
