import { type AppBskyFeedPost, AtUri, type ComAtprotoRepoStrongRef, ids } from '@atproto/api'
import { NetworkError } from '../types.ts'
import type { BlueskyClient } from './client.ts'
import { asPostRecord } from './records.ts'

type Post = { uri: string; cid: string; record: unknown }

/**
 * The reply reference for a post answering `replyTo.uri`: the parent's own record decides
 * the root (the parent's root, or the parent itself). A `rootUri` that disagrees is refused
 * rather than published into the wrong thread.
 */
export async function replyRefFor(
  client: BlueskyClient,
  replyTo: { uri: string; rootUri?: string },
): Promise<AppBskyFeedPost.ReplyRef> {
  const parent = await fetchPost(client, replyTo.uri)
  const parentRef: ComAtprotoRepoStrongRef.Main = { uri: parent.uri, cid: parent.cid }
  const root = asPostRecord(parent.record)?.reply?.root ?? parentRef
  if (replyTo.rootUri && replyTo.rootUri !== root.uri) {
    throw new NetworkError({
      kind: 'rejected',
      reason: `The post replied to belongs to the thread ${root.uri}, not ${replyTo.rootUri}.`,
    })
  }
  return { root: { uri: root.uri, cid: root.cid }, parent: parentRef }
}

/**
 * A post by URI with its CID: this account's own posts straight from its PDS (a thread's
 * previous post is there at once; the AppView indexes it a moment later), others' from the
 * AppView.
 */
async function fetchPost(client: BlueskyClient, uri: string): Promise<Post> {
  const at = parse(uri)
  if (at.hostname === client.did) {
    const found = await client
      .run('read', (agent) =>
        agent.com.atproto.repo.getRecord({
          repo: at.hostname,
          collection: at.collection,
          rkey: at.rkey,
        }),
      )
      .catch(notFoundAsUndefined)
    if (found?.data.cid)
      return { uri: found.data.uri, cid: found.data.cid, record: found.data.value }
  } else {
    const { data } = await client.run('read', (agent) =>
      agent.app.bsky.feed.getPosts({ uris: [uri] }),
    )
    const post = data.posts[0]
    if (post) return { uri: post.uri, cid: post.cid, record: post.record }
  }
  throw new NetworkError({
    kind: 'rejected',
    reason: `The post replied to (${uri}) does not exist (any more).`,
  })
}

function parse(uri: string): AtUri {
  try {
    const at = new AtUri(uri)
    if (at.collection === ids.AppBskyFeedPost && at.rkey) return at
  } catch {}
  throw new NetworkError({
    kind: 'rejected',
    reason: `${uri} is not the address of a Bluesky post.`,
  })
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof NetworkError && error.failure.kind === 'rejected') return undefined
  throw error
}
