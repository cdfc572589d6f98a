import { STATUS_CODES } from 'node:http'
import type { LinkCard } from '../types.ts'
import { explainFetchFailure } from './explain-fetch-failure.ts'
import { parseOpenGraph } from './parse-open-graph.ts'

const PAGE_LIMIT_BYTES = 2 * 1024 * 1024
const IMAGE_LIMIT_BYTES = 5 * 1024 * 1024
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif']

/** What a link preview gives: the card, the page's canonical address, and where its image is. */
export type LinkPreview = LinkCard & { canonicalUrl?: string; imageUrl?: string }

/** The message says why, safe to show: see explainFetchFailure. */
export class LinkPreviewError extends Error {
  readonly code = 'link_preview_failed'
  constructor(
    url: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${url} could not be previewed: ${reason}`, options)
    this.name = 'LinkPreviewError'
  }
}

/**
 * The card a link shows: the page's Open Graph title, description and thumbnail. `fetch`
 * must be the SSRF-guarded one (security/create-safe-fetch.ts): the URL is user-supplied,
 * and so is the image URL inside the page. A missing or unusable image leaves the card
 * without a thumbnail rather than failing it. `canonicalUrl` is the page's own
 * `<link rel="canonical">`, the address to share; `imageUrl` is where the thumbnail came
 * from, which a post keeps to fetch it again when it goes out.
 */
export async function fetchLinkPreview(url: string, fetchImpl: typeof fetch): Promise<LinkPreview> {
  const response = await fetchImpl(url, {
    headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': 'Sous link preview' },
    redirect: 'follow',
  }).catch((error: Error) => {
    throw new LinkPreviewError(url, explainFetchFailure(error, url), { cause: error })
  })
  if (!response.ok) {
    const phrase = STATUS_CODES[response.status]
    throw new LinkPreviewError(url, `it answered ${response.status}${phrase ? ` ${phrase}` : ''}`)
  }
  const type = response.headers.get('content-type') ?? ''
  if (!/html/i.test(type)) return { url }
  const html = await readText(response, PAGE_LIMIT_BYTES)
  const graph = parseOpenGraph(html, response.url || url)
  const thumbnail = graph.image ? await fetchCardImage(graph.image, fetchImpl) : undefined
  return {
    url,
    ...(graph.title ? { title: graph.title } : {}),
    ...(graph.description ? { description: graph.description } : {}),
    ...(thumbnail && graph.image
      ? { thumbnail: { ...thumbnail, altText: graph.title ?? '' }, imageUrl: graph.image }
      : {}),
    ...(graph.canonical && /^https?:/.test(graph.canonical)
      ? { canonicalUrl: graph.canonical }
      : {}),
  }
}

/**
 * A card's image (JPEG, PNG, WebP or GIF, at most `maxBytes`), or undefined when it cannot
 * be had: a card without its image still goes out. `fetch` must be the guarded one.
 */
export async function fetchCardImage(
  url: string,
  fetchImpl: typeof fetch,
  maxBytes = IMAGE_LIMIT_BYTES,
): Promise<{ bytes: Uint8Array; mimeType: string } | undefined> {
  try {
    const response = await fetchImpl(url, { headers: { accept: IMAGE_TYPES.join(',') } })
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? ''
    if (!response.ok || !IMAGE_TYPES.includes(mimeType)) {
      await response.body?.cancel().catch(() => {})
      return undefined
    }
    const announced = Number(response.headers.get('content-length') ?? 0)
    if (announced > maxBytes) {
      await response.body?.cancel().catch(() => {})
      return undefined
    }
    const bytes = new Uint8Array(await response.arrayBuffer())
    return bytes.byteLength <= maxBytes ? { bytes, mimeType } : undefined
  } catch {
    return undefined
  }
}

/** Reads at most `limit` bytes: the head of a page is enough, and the rest is never downloaded. */
async function readText(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let total = 0
  while (total < limit) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }))
    if (done || !value) break
    chunks.push(value)
    total += value.byteLength
  }
  await reader.cancel().catch(() => {})
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit))
}
