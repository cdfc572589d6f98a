import type { mastodon } from 'masto'
import { NetworkError, type PublishedPost, type PublishRequest } from '../types.ts'
import { type MastodonClient, nextCursor, pageParams } from './client.ts'
import { ResponseError } from './errors.ts'
import { IDEMPOTENCY_WINDOW_MS, publishedPost, withKey } from './publish.ts'
import { htmlToText } from './text.ts'

/** Statuses read per page, and pages at most, when looking through the account's last hour. */
const LOOKUP_PAGE = 40
const LOOKUP_PAGES = 5

/**
 * The status this key published, for reconciling an `unknown_outcome`; null when there is
 * none. It never turns "could not tell" into a refusal: what cannot be decided is looked up
 * another way, or fails as `transient` (the caller keeps reconciling), never `rejected`.
 *
 * 1. Mastodon checks the Idempotency-Key before it validates anything: a POST with the key and
 *    no text answers the status the key created within the hour (200), or 422 for none, having
 *    created nothing. Only those two answers decide.
 * 2. A server that validates first refuses that probe (400) whatever the key. Then the
 *    account's statuses of the key's replay window are searched for `request`: same text,
 *    content warning, reply parent and number of images.
 * @NOTE Both only see the last hour: past it the key is forgotten, and a post with the same
 * text in the same hour (the same words published twice) is taken for this one.
 */
export async function findPublished(
  client: MastodonClient,
  key: string,
  request: PublishRequest | undefined,
  now: () => number,
): Promise<PublishedPost | null> {
  const probed = await probeByKey(client, key)
  if (probed !== 'undecided') return probed.found
  if (!request) {
    throw couldNotTell(
      'the instance does not answer by Idempotency-Key, and there is no text to look for',
    )
  }
  try {
    return await findRecent(client, request, now() - IDEMPOTENCY_WINDOW_MS)
  } catch (error) {
    // A lookup the instance refuses decides nothing about the post.
    if (error instanceof NetworkError && error.failure.kind === 'rejected') {
      throw couldNotTell(error.failure.reason)
    }
    throw error
  }
}

function couldNotTell(why: string): NetworkError {
  return new NetworkError({
    kind: 'transient',
    message: `could not tell whether the post is out: ${why}`,
  })
}

async function probeByKey(
  client: MastodonClient,
  key: string,
): Promise<{ found: PublishedPost | null } | 'undecided'> {
  return client.run('read', async (rest) => {
    try {
      const status = await rest.v1.statuses.create({ status: '' }, withKey(key))
      return { found: publishedPost(status as mastodon.v1.Status) }
    } catch (error) {
      if (!(error instanceof ResponseError)) throw error
      if (error.status === 422) return { found: null }
      // 401, 429 and 5xx keep their meaning; any other refusal only says "not like this".
      if (error.status >= 400 && error.status < 500 && ![401, 429].includes(error.status)) {
        return 'undecided'
      }
      throw error
    }
  })
}

async function findRecent(
  client: MastodonClient,
  request: PublishRequest,
  since: number,
): Promise<PublishedPost | null> {
  const { accountId } = client.session.credentials
  const wanted = fingerprint({
    text: request.text,
    contentWarning: request.contentWarning ?? '',
    replyTo: request.replyTo?.uri,
    images: request.images?.length ?? 0,
  })
  let cursor: string | undefined
  for (let pages = 0; pages < LOOKUP_PAGES; pages++) {
    const page = await client.run('read', async (rest) =>
      rest.v1.accounts
        .$select(accountId)
        .statuses.list.$raw(
          pageParams(cursor, { limit: LOOKUP_PAGE, excludeReblogs: true }, LOOKUP_PAGE),
        ),
    )
    let older = false
    for (const status of page.data) {
      if (Date.parse(status.createdAt) < since) {
        older = true
        continue
      }
      if (!status.reblog && fingerprint(sent(status)) === wanted) return publishedPost(status)
    }
    cursor = page.data.length > 0 ? nextCursor(page.headers) : undefined
    if (older || !cursor) return null
  }
  throw couldNotTell(
    `the account has more than ${LOOKUP_PAGE * LOOKUP_PAGES} posts in the last hour`,
  )
}

type Sent = { text: string; contentWarning: string; replyTo?: string; images: number }

function sent(status: mastodon.v1.Status): Sent {
  return {
    text: htmlToText(status.content).text,
    contentWarning: status.spoilerText ?? '',
    replyTo: status.inReplyToId ?? undefined,
    images: status.mediaAttachments?.length ?? 0,
  }
}

/**
 * What a status and the request it came from share, whatever the server's formatting did:
 * white space collapsed (paragraphs and line breaks become HTML) and `@user@domain` as
 * `@user` (Mastodon shows mentions without their domain).
 */
function fingerprint(post: Sent): string {
  const plain = (text: string) =>
    text
      .normalize('NFC')
      .replace(/(^|[^\w/@])@([\w.-]+)@[\w.-]+(?::\d+)?/gu, '$1@$2')
      .replace(/\s+/gu, ' ')
      .trim()
  return JSON.stringify([
    plain(post.text),
    plain(post.contentWarning),
    post.replyTo ?? null,
    post.images,
  ])
}
