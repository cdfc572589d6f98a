import { type AppBskyFeedPost, AtUri, ids } from '@atproto/api'
import { NetworkError, type PublishedPost, type PublishRequest } from '../types.ts'
import type { BlueskyClient } from './client.ts'
import { buildEmbed } from './embeds.ts'
import { detectFacets } from './facets.ts'
import { recordKeyFor } from './record-key.ts'
import { replyRefFor } from './thread.ts'

/**
 * Publishes under the record key derived from the idempotency key. A repeat of a key whose
 * post exists fails on the PDS (it answers 500 for an existing record key); the record is
 * then looked up and returned, so one key never makes a second post. A lost response stays
 * `unknown_outcome`: the caller reconciles with `findPublished`.
 */
export async function publishPost(
  client: BlueskyClient,
  request: PublishRequest,
): Promise<PublishedPost> {
  const rkey = recordKeyFor(request.idempotencyKey)
  const facets = await detectFacets(client, request.text)
  const reply = request.replyTo ? await replyRefFor(client, request.replyTo) : undefined
  const embed = await buildEmbed(client, request.images ?? [], request.link)
  const record: AppBskyFeedPost.Record = {
    $type: ids.AppBskyFeedPost,
    text: request.text,
    createdAt: new Date().toISOString(),
    ...(facets ? { facets } : {}),
    ...(reply ? { reply } : {}),
    ...(embed ? { embed } : {}),
    ...(request.language ? { langs: [request.language] } : {}),
  }
  try {
    const { data } = await client.run('write', (agent) =>
      agent.com.atproto.repo.createRecord({
        repo: client.did,
        collection: ids.AppBskyFeedPost,
        rkey,
        record,
      }),
    )
    return published(data.uri, data.cid)
  } catch (error) {
    if (error instanceof NetworkError && ['transient', 'rejected'].includes(error.failure.kind)) {
      const existing = await findByRecordKey(client, rkey).catch(() => null)
      if (existing) return existing
    }
    throw error
  }
}

export async function findByRecordKey(
  client: BlueskyClient,
  rkey: string,
): Promise<PublishedPost | null> {
  try {
    const { data } = await client.run('read', (agent) =>
      agent.com.atproto.repo.getRecord({ repo: client.did, collection: ids.AppBskyFeedPost, rkey }),
    )
    return published(data.uri, data.cid)
  } catch (error) {
    // RecordNotFound (400); a PDS that does not host the repo answers similarly.
    if (error instanceof NetworkError && error.failure.kind === 'rejected') return null
    throw error
  }
}

export async function deletePost(client: BlueskyClient, uri: string): Promise<void> {
  const at = new AtUri(uri)
  if (at.hostname !== client.did || at.collection !== ids.AppBskyFeedPost || !at.rkey) {
    throw new NetworkError({ kind: 'rejected', reason: `${uri} is not a post of this account.` })
  }
  await client.run('write', (agent) =>
    agent.com.atproto.repo.deleteRecord({
      repo: client.did,
      collection: at.collection,
      rkey: at.rkey,
    }),
  )
}

export function postUrl(uri: string): string {
  const at = new AtUri(uri)
  return `https://bsky.app/profile/${at.hostname}/post/${at.rkey}`
}

function published(uri: string, cid: string | undefined): PublishedPost {
  return { uri, url: postUrl(uri), ...(cid ? { cid } : {}) }
}
