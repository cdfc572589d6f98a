import type { ListenPost } from '../../core/listen/read-post.ts'

const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}$/
const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/

export const POST_COLLECTION = 'app.bsky.feed.post'

/** A new post, as listening needs it. */
export type JetstreamPost = {
  did: string
  rkey: string
  uri: string
  /** Jetstream's own time for the event, microseconds: the cursor. */
  timeUs: number
  createdAt: string | null
  post: ListenPost & { text: string; lang: string[] }
}

export type JetstreamLine =
  | { kind: 'post'; event: JetstreamPost }
  /** Well-formed, but not a new post (a delete, an identity or account event): only its cursor counts. */
  | { kind: 'other'; timeUs: number }
  | { kind: 'malformed' }

/**
 * Reads one Jetstream message (`{did, time_us, kind, commit: {operation, collection, rkey,
 * record}}`). Anything else the source sends is 'malformed' and skipped, never thrown: one bad
 * line must not stop a stream.
 */
export function readJetstreamEvent(line: string): JetstreamLine {
  let event: unknown
  try {
    event = JSON.parse(line)
  } catch {
    return { kind: 'malformed' }
  }
  if (
    !isObject(event) ||
    typeof event.did !== 'string' ||
    !DID.test(event.did) ||
    !Number.isSafeInteger(event.time_us)
  ) {
    return { kind: 'malformed' }
  }
  const timeUs = event.time_us as number
  const commit = event.commit
  if (event.kind !== 'commit') return { kind: 'other', timeUs }
  if (!isObject(commit) || typeof commit.rkey !== 'string' || !RKEY.test(commit.rkey)) {
    return { kind: 'malformed' }
  }
  if (commit.operation !== 'create' || commit.collection !== POST_COLLECTION) {
    return { kind: 'other', timeUs }
  }
  const record = commit.record
  if (!isObject(record) || typeof record.text !== 'string') return { kind: 'malformed' }
  const hashtags: string[] = []
  const mentions: string[] = []
  for (const facet of Array.isArray(record.facets) ? record.facets : []) {
    for (const feature of isObject(facet) && Array.isArray(facet.features) ? facet.features : []) {
      if (!isObject(feature)) continue
      if (typeof feature.tag === 'string') hashtags.push(feature.tag)
      else if (typeof feature.did === 'string') mentions.push(feature.did)
    }
  }
  const langs = Array.isArray(record.langs)
    ? record.langs.filter(
        (l): l is string => typeof l === 'string' && l.length < 64 && !l.includes('\u0000'),
      )
    : []
  return {
    kind: 'post',
    event: {
      did: event.did,
      rkey: commit.rkey,
      uri: `at://${event.did}/${POST_COLLECTION}/${commit.rkey}`,
      timeUs,
      createdAt: typeof record.createdAt === 'string' ? record.createdAt : null,
      // PostgreSQL text cannot hold NUL.
      post: {
        text: record.text.replaceAll('\u0000', ''),
        lang: langs,
        author: event.did,
        hashtags,
        mentions,
      },
    },
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
