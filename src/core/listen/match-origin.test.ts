import { describe, expect, it } from 'vitest'
import { matchOrigin } from './match-origin.ts'

describe('matchOrigin', () => {
  it('reads the network and the address from the ids each source stores', () => {
    expect(
      matchOrigin({ did: 'did:plc:a', rkey: '3k', uri: 'at://did:plc:a/app.bsky.feed.post/3k' }),
    ).toEqual({ network: 'bluesky', url: 'https://bsky.app/profile/did:plc:a/post/3k' })
    expect(
      matchOrigin({
        did: 'https://mastodon.example/@ann',
        rkey: 'https://mastodon.example/users/ann/statuses/1',
        uri: 'https://mastodon.example/@ann/1',
      }),
    ).toEqual({ network: 'mastodon', url: 'https://mastodon.example/@ann/1' })
    expect(
      matchOrigin({ did: 'feed:5e1', rkey: 'i1', uri: 'https://bakery.example/news/1' }),
    ).toEqual({ network: null, url: 'https://bakery.example/news/1' })
  })
})
