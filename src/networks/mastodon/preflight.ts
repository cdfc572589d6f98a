import { countText } from '../../core/text/count-text.ts'
import { mastodonCounting } from '../../core/text/rules.ts'
import { NetworkError, type PublishRequest } from '../types.ts'
import type { MastodonLimits } from './capabilities.ts'

const number = new Intl.NumberFormat('en')
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i

/**
 * Everything about a post that the instance would refuse, refused before any request with a
 * reason a person can act on, against the limits stored for the account's instance.
 */
export function assertPublishable(request: PublishRequest, limits: MastodonLimits): void {
  const problem = findProblem(request, limits)
  if (problem) throw new NetworkError({ kind: 'rejected', reason: problem })
}

function findProblem(request: PublishRequest, limits: MastodonLimits): string | undefined {
  const images = request.images ?? []
  const counted = countText(
    mastodonCounting(limits.maxCharacters, limits.charactersReservedPerUrl),
    request.text,
    { contentWarning: request.contentWarning },
  )
  if (counted.over) {
    return `The text is ${number.format(counted.length)} characters; this Mastodon instance allows ${number.format(limits.maxCharacters)} (every link counts as ${limits.charactersReservedPerUrl}, the content warning counts too). Shorten it by ${number.format(counted.length - limits.maxCharacters)}.`
  }
  if (request.text.trim() === '' && images.length === 0) {
    return 'The post is empty: add text or an image.'
  }
  if (images.length > limits.maxMediaAttachments) {
    return `The post has ${images.length} images; this Mastodon instance allows ${limits.maxMediaAttachments}. Remove ${images.length - limits.maxMediaAttachments}.`
  }
  for (const [index, image] of images.entries()) {
    const name = `Image ${index + 1}`
    if (!limits.supportedImageTypes.includes(image.mimeType)) {
      return `${name} is ${image.mimeType}; this Mastodon instance accepts ${limits.supportedImageTypes.join(', ')}.`
    }
    if (image.bytes.byteLength > limits.imageSizeLimit) {
      return `${name} is ${number.format(image.bytes.byteLength)} bytes; this Mastodon instance accepts at most ${number.format(limits.imageSizeLimit)} bytes per image. Resize or compress it.`
    }
    if (image.altText.trim() === '') {
      return `${name} has no alt text: describe it for people who cannot see it.`
    }
    // Rails validates the description's length in characters (code points).
    const altLength = [...image.altText].length
    if (altLength > limits.descriptionLimit) {
      return `The alt text of ${name.toLowerCase()} is ${number.format(altLength)} characters; this Mastodon instance allows ${number.format(limits.descriptionLimit)}.`
    }
  }
  if (request.link && !request.text.includes(request.link.url)) {
    return `Mastodon makes the link card itself from the first link in the text: put ${request.link.url} in the text.`
  }
  if (request.language && !LANGUAGE_TAG.test(request.language)) {
    return `"${request.language}" is not a language code (like en or pt-BR).`
  }
  return undefined
}
