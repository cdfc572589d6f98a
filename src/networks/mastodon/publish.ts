import { createHash } from 'node:crypto'
import type { mastodon } from 'masto'
import type { PublishedPost, PublishRequest } from '../types.ts'
import { apiId, type MastodonClient } from './client.ts'
import { ResponseError } from './errors.ts'
import { type MediaPolling, uploadImage } from './media.ts'

/**
 * The Idempotency-Key sent for a caller's key: stable, header-safe, and the same on every
 * retry. Mastodon keeps it per account for one hour and answers a repeat with the status it
 * created, so publishing twice with one key yields one post.
 */
export function idempotencyKeyFor(key: string): string {
  return `sous-${createHash('sha256').update(key).digest('base64url')}`
}

/** How long Mastodon replays an Idempotency-Key (one hour, per account). */
export const IDEMPOTENCY_WINDOW_MS = 60 * 60 * 1000

const VISIBILITY = {
  public: 'public',
  unlisted: 'unlisted',
  followers: 'private',
  direct: 'direct',
} as const satisfies Record<NonNullable<PublishRequest['visibility']>, mastodon.v1.StatusVisibility>

/**
 * A status's `uri` in Sous is its id on the account's instance: the API addresses statuses
 * by that id, and an ActivityPub URI cannot be turned back into one without a search call.
 */
export function publishedPost(status: mastodon.v1.Status): PublishedPost {
  return { uri: status.id, url: status.url ?? status.uri }
}

export async function publishPost(
  client: MastodonClient,
  request: PublishRequest,
  polling: MediaPolling,
): Promise<PublishedPost> {
  const mediaIds: string[] = []
  for (const image of request.images ?? []) mediaIds.push(await uploadImage(client, image, polling))
  const status = await client.run('write', (rest) =>
    rest.v1.statuses.create(statusParams(request, mediaIds), withKey(request.idempotencyKey)),
  )
  return publishedPost(status as mastodon.v1.Status)
}

/**
 * The status's fields, each only when it has a value: Mastodon takes `null` for "not set",
 * a server that validates types refuses it where the docs say string or boolean.
 */
export function statusParams(
  request: PublishRequest,
  mediaIds: string[],
): mastodon.rest.v1.CreateStatusParams {
  return {
    ...(request.text !== '' || mediaIds.length === 0 ? { status: request.text } : {}),
    ...(mediaIds.length > 0 ? { mediaIds } : {}),
    ...(request.replyTo ? { inReplyToId: apiId(request.replyTo.uri, 'status') } : {}),
    ...(request.contentWarning ? { spoilerText: request.contentWarning, sensitive: true } : {}),
    ...(request.visibility ? { visibility: VISIBILITY[request.visibility] } : {}),
    ...(request.language ? { language: request.language } : {}),
  } as mastodon.rest.v1.CreateStatusParams
}

/** Deleting is repeatable: a status that is already gone (404) counts as deleted. */
export async function deletePost(client: MastodonClient, uri: string): Promise<void> {
  await client.run('write', async (rest) => {
    try {
      await rest.v1.statuses.$select(apiId(uri, 'status')).remove()
    } catch (error) {
      if (error instanceof ResponseError && error.status === 404) return
      throw error
    }
  })
}

export function withKey(key: string) {
  return { requestInit: { headers: { 'Idempotency-Key': idempotencyKeyFor(key) } } }
}
