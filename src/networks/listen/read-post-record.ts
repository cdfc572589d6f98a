import type { ListenEvent } from './source.ts'

export const POST_COLLECTION = 'app.bsky.feed.post'

/**
 * An `app.bsky.feed.post` record (from Jetstream's JSON or the firehose's verified CBOR) as a
 * listening event; null when it is not a post with text. Never throws: one bad record must
 * not stop a stream.
 */
export function readPostRecord(
  did: string,
  rkey: string,
  timeUs: number,
  record: unknown,
): ListenEvent | null {
  if (!isObject(record) || typeof record.text !== 'string') return null
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
    did,
    rkey,
    uri: `at://${did}/${POST_COLLECTION}/${rkey}`,
    timeUs,
    createdAt: typeof record.createdAt === 'string' ? record.createdAt : null,
    // PostgreSQL text cannot hold NUL.
    post: {
      text: record.text.replaceAll('\u0000', ''),
      lang: langs,
      author: did,
      hashtags,
      mentions,
    },
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
