/** Where a person opens a Bluesky post: the Bluesky app, by its author and record key. */
export function blueskyPostUrl(did: string, rkey: string): string {
  return `https://bsky.app/profile/${did}/post/${rkey}`
}

/**
 * Where a person opens a stored match: a Bluesky post in the app (its `at://` URI is no web
 * address), anything else (a Mastodon status, a feed item) at its own address.
 */
export function matchUrl(match: {
  network: string | null
  did: string
  rkey: string
  uri: string
}): string {
  return match.network === 'bluesky' ? blueskyPostUrl(match.did, match.rkey) : match.uri
}
