import { countText } from '../text/count-text.ts'
import type { NetworkCapabilities } from './network-capabilities.ts'

export type DraftImage = { id: string; mimeType: string; size: number; altText: string }
export type DraftSegment = { text: string; images: DraftImage[] }

/**
 * Everything that would make the network refuse a variant, in words a person can act on,
 * checked before anything is scheduled. Empty means it can go.
 */
export function checkVariant(
  segments: DraftSegment[],
  capabilities: NetworkCapabilities,
  options: { requireAltText: boolean; contentWarning?: string },
): string[] {
  const problems: string[] = []
  if (segments.length === 0) return ['There is nothing to post']
  if (segments.length > 1 && !capabilities.threads)
    problems.push('This network has no threads: post one segment')
  if (options.contentWarning && !capabilities.contentWarnings) {
    problems.push('This network has no content warnings')
  }
  segments.forEach((segment, index) => {
    const where = segments.length > 1 ? `Post ${index + 1} of the thread: ` : ''
    if (!segment.text.trim() && segment.images.length === 0) problems.push(`${where}it is empty`)
    const counted = countText(
      capabilities.text,
      segment.text,
      index === 0 ? { contentWarning: options.contentWarning } : {},
    )
    for (const problem of counted.problems) problems.push(`${where}${problem}`)
    const media = capabilities.media
    if (segment.images.length > media.maxImages) {
      problems.push(`${where}${segment.images.length} images: at most ${media.maxImages}`)
    }
    for (const image of segment.images) {
      if (!media.imageTypes.includes(image.mimeType)) {
        problems.push(
          `${where}image ${image.id} is ${image.mimeType}, which this network does not take`,
        )
      }
      if (image.size > media.maxImageBytes) {
        problems.push(
          `${where}image ${image.id} is ${image.size} bytes: at most ${media.maxImageBytes}`,
        )
      }
      if (options.requireAltText && !image.altText.trim()) {
        problems.push(
          `${where}image ${image.id} has no alt text: describe it for people who cannot see it`,
        )
      }
      if (image.altText.length > media.altTextMaxLength) {
        problems.push(
          `${where}image ${image.id}'s alt text is longer than ${media.altTextMaxLength} characters`,
        )
      }
    }
  })
  return problems
}

/** The non-blocking nudge: the same words sent to several networks miss each one's audience. */
export function sameTextNotice(variants: Array<{ network: string; text: string }>): string | null {
  const byText = new Map<string, Set<string>>()
  for (const v of variants) {
    const key = v.text.trim().replace(/\s+/g, ' ')
    byText.set(key, (byText.get(key) ?? new Set()).add(v.network))
  }
  const shared = [...byText.values()].find((networks) => networks.size > 1)
  return shared
    ? `The same text goes to ${[...shared].join(' and ')}: each network has its own audience, consider fitting it to each`
    : null
}
