/** Where a person opens a Bluesky post: the Bluesky app, by its author and record key. */
export function blueskyPostUrl(did: string, rkey: string): string {
  return `https://bsky.app/profile/${did}/post/${rkey}`
}

/**
 * The network a stored match came from and where a person opens it, read from its own ids as
 * the sources wrote them (networks/listen/source.ts): Bluesky posts have `at://` URIs, feed
 * items a `feed:<source>` author and no network, Mastodon statuses are their own addresses.
 */
export function matchOrigin(match: { did: string; rkey: string; uri: string }): {
  network: 'bluesky' | 'mastodon' | null
  url: string
} {
  if (match.uri.startsWith('at://')) {
    return { network: 'bluesky', url: blueskyPostUrl(match.did, match.rkey) }
  }
  return { network: match.did.startsWith('feed:') ? null : 'mastodon', url: match.uri }
}
