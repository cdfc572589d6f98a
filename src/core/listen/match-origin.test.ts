import { describe, expect, it } from 'vitest'
import { matchUrl } from './match-origin.ts'

describe('matchUrl', () => {
  it('opens a Bluesky post in the app and anything else at its own address', () => {
    const post = { did: 'did:plc:a', rkey: '3k', uri: 'at://did:plc:a/app.bsky.feed.post/3k' }
    expect(matchUrl({ ...post, network: 'bluesky' })).toBe(
      'https://bsky.app/profile/did:plc:a/post/3k',
    )
    const status = {
      did: 'https://mastodon.example/@ann',
      rkey: 'https://mastodon.example/users/ann/statuses/1',
      uri: 'https://mastodon.example/@ann/1',
    }
    expect(matchUrl({ ...status, network: 'mastodon' })).toBe('https://mastodon.example/@ann/1')
    const item = { did: 'feed:5e1', rkey: 'i1', uri: 'https://bakery.example/news/1' }
    expect(matchUrl({ ...item, network: null })).toBe('https://bakery.example/news/1')
  })
})
