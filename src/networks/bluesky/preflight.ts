import { parseLanguage } from '@atproto/api'
import { countText } from '../../core/text/count-text.ts'
import { NetworkError, type PublishRequest } from '../types.ts'
import { BLUESKY_LIMITS, blueskyCapabilities } from './capabilities.ts'

const number = new Intl.NumberFormat('en')

/**
 * Everything about a post that can be refused without asking the network, refused before
 * any request with a reason a person can act on.
 */
export function assertPublishable(request: PublishRequest): void {
  const problem = findProblem(request)
  if (problem) throw new NetworkError({ kind: 'rejected', reason: problem })
}

function findProblem(request: PublishRequest): string | undefined {
  const images = request.images ?? []
  const counted = countText(blueskyCapabilities.text, request.text)
  if (counted.over) return `The text is too long for Bluesky: ${counted.problems.join('; ')}.`
  if (request.text.trim() === '' && images.length === 0 && !request.link) {
    return 'The post is empty: add text, an image or a link.'
  }
  if (images.length > BLUESKY_LIMITS.images) {
    return `The post has ${images.length} images; Bluesky allows ${BLUESKY_LIMITS.images}. Remove ${images.length - BLUESKY_LIMITS.images}.`
  }
  for (const [index, image] of images.entries()) {
    const problem = imageProblem(image, `Image ${index + 1}`, BLUESKY_LIMITS.imageBytes)
    if (problem) return problem
    const alt = countText(
      { kind: 'graphemes', max: BLUESKY_LIMITS.altTextGraphemes },
      image.altText,
    )
    if (alt.over) {
      return `The alt text of image ${index + 1} is too long: ${alt.problems.join('; ')}.`
    }
  }
  if (request.link) {
    if (images.length > 0) {
      return 'A Bluesky post shows either images or a link card, not both: remove one.'
    }
    if (!/^https?:\/\//i.test(request.link.url) || !URL.canParse(request.link.url)) {
      return `The link card's address "${request.link.url}" is not an http(s) URL.`
    }
    if (request.link.thumbnail) {
      const problem = imageProblem(
        request.link.thumbnail,
        "The link card's thumbnail",
        BLUESKY_LIMITS.thumbnailBytes,
      )
      if (problem) return problem
    }
  }
  if (request.contentWarning) {
    return 'Bluesky has no content warnings with text: remove the content warning.'
  }
  if (request.visibility && request.visibility !== 'public') {
    return `Every Bluesky post is public; "${request.visibility}" is not possible there.`
  }
  if (request.language && !parseLanguage(request.language)) {
    return `"${request.language}" is not a language tag (like en or pt-BR).`
  }
  return undefined
}

function imageProblem(
  image: { bytes: Uint8Array; mimeType: string },
  name: string,
  maxBytes: number,
): string | undefined {
  if (image.bytes.byteLength > maxBytes) {
    return `${name} is ${number.format(image.bytes.byteLength)} bytes; Bluesky accepts at most ${number.format(maxBytes)} bytes per image. Resize or compress it.`
  }
  if (!blueskyCapabilities.media.imageTypes.includes(image.mimeType)) {
    return `${name} is ${image.mimeType}; Bluesky accepts ${blueskyCapabilities.media.imageTypes.join(', ')}.`
  }
  return undefined
}
