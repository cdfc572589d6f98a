import type { Engagement } from '../types.ts'
import type { BlueskyClient } from './client.ts'

/** getPosts takes at most this many URIs. */
const POSTS_PER_CALL = 25

/** Counts for the posts the AppView knows; a deleted or unknown post is left out. */
export async function readEngagement(client: BlueskyClient, uris: string[]): Promise<Engagement[]> {
  const counts: Engagement[] = []
  for (let start = 0; start < uris.length; start += POSTS_PER_CALL) {
    const batch = uris.slice(start, start + POSTS_PER_CALL)
    const { data } = await client.run('read', (agent) =>
      agent.app.bsky.feed.getPosts({ uris: batch }),
    )
    for (const post of data.posts) {
      counts.push({
        uri: post.uri,
        replies: post.replyCount ?? 0,
        reposts: post.repostCount ?? 0,
        quotes: post.quoteCount ?? 0,
        likes: post.likeCount ?? 0,
      })
    }
  }
  return counts
}
