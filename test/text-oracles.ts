import { extractUrlsWithIndices } from '../src/core/text/twitter-text.ts'

/**
 * Mastodon's count by twitter-text's own URL extraction (protocol required, URLs 23), one per
 * UTF-16 unit otherwise: right only for `stockUrlText`, where Mastodon's patches change nothing.
 */
export function mastodonByTwitterText(text: string): number {
  const urls = extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })
  const covered = urls.reduce((sum, url) => sum + url.indices[1] - url.indices[0], 0)
  return text.length - covered + 23 * urls.length
}
