import { describe, expect, it } from 'vitest'
import {
  blueskySourceName,
  FEEDS_SOURCE,
  listenSourceKind,
  mastodonListenSourceName,
} from './source-names.ts'

describe('listenSourceKind', () => {
  it('names what each listening source reads, and nothing for the inbox’s account streams', () => {
    expect(listenSourceKind(blueskySourceName({}))).toBe('bluesky')
    expect(listenSourceKind(blueskySourceName({ blueskyFirehoseUrl: 'wss://relay.example' }))).toBe(
      'bluesky',
    )
    expect(listenSourceKind(mastodonListenSourceName('https://mastodon.example'))).toBe('mastodon')
    expect(listenSourceKind(FEEDS_SOURCE)).toBe('feeds')
    expect(listenSourceKind('mastodon-stream:4f1c')).toBeNull()
    expect(listenSourceKind('bluesky-stream:4f1c')).toBeNull()
  })
})
