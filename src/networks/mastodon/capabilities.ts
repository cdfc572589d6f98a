import type { NetworkCapabilities } from '../types.ts'

/** What an instance allows, read from `GET /api/v2/instance` (configuration.*). */
export type MastodonLimits = {
  maxCharacters: number
  charactersReservedPerUrl: number
  maxMediaAttachments: number
  imageSizeLimit: number
  /** `media_attachments.description_limit` (Mastodon ≥ 4.4); 1,500 before. */
  descriptionLimit: number
  supportedImageTypes: string[]
}

/**
 * A stock Mastodon server's configuration (docs.joinmastodon.org/entities/Instance): 500
 * characters, every URL 23, 4 attachments, 16 MiB images, 1,500-character descriptions.
 */
export const MASTODON_DEFAULT_LIMITS: MastodonLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  imageSizeLimit: 16 * 1024 * 1024,
  descriptionLimit: 1500,
  supportedImageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
}

/** The part of masto's `mastodon.v2.Instance` we read; every field may be missing on forks. */
export type InstanceInfo = {
  configuration?: {
    statuses?: {
      maxCharacters?: number
      charactersReservedPerUrl?: number
      maxMediaAttachments?: number
    }
    mediaAttachments?: {
      supportedMimeTypes?: string[]
      imageSizeLimit?: number
      descriptionLimit?: number
    }
  }
}

export function readInstanceLimits(instance: InstanceInfo): MastodonLimits {
  const statuses = instance.configuration?.statuses ?? {}
  const media = instance.configuration?.mediaAttachments ?? {}
  const positive = (value: number | undefined, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback
  const defaults = MASTODON_DEFAULT_LIMITS
  const imageTypes = media.supportedMimeTypes?.filter((type) => type.startsWith('image/'))
  return {
    maxCharacters: positive(statuses.maxCharacters, defaults.maxCharacters),
    charactersReservedPerUrl: positive(
      statuses.charactersReservedPerUrl,
      defaults.charactersReservedPerUrl,
    ),
    maxMediaAttachments: positive(statuses.maxMediaAttachments, defaults.maxMediaAttachments),
    imageSizeLimit: positive(media.imageSizeLimit, defaults.imageSizeLimit),
    descriptionLimit: positive(media.descriptionLimit, defaults.descriptionLimit),
    supportedImageTypes: imageTypes?.length ? imageTypes : defaults.supportedImageTypes,
  }
}

export function capabilitiesFromLimits(limits: MastodonLimits): NetworkCapabilities {
  return {
    text: {
      kind: 'mastodon',
      max: limits.maxCharacters,
      urlLength: limits.charactersReservedPerUrl,
    },
    media: {
      maxImages: limits.maxMediaAttachments,
      maxImageBytes: limits.imageSizeLimit,
      imageTypes: limits.supportedImageTypes,
      altTextMaxLength: limits.descriptionLimit,
    },
    threads: true,
    // The instance makes the card itself from the first link in the text; Sous cannot send one.
    linkCards: false,
    contentWarnings: true,
    visibility: true,
    directMessages: true,
    languages: true,
    // Mastodon's documented default: 300 requests per 5 minutes per account.
    rateLimit: { requests: 300, windowMs: 5 * 60_000, per: 'account' },
  }
}

/** An instance's capabilities: limits differ per instance (glitch-soc allows 5,000 characters…). */
export function mastodonCapabilities(instance: InstanceInfo): NetworkCapabilities {
  return capabilitiesFromLimits(readInstanceLimits(instance))
}

/** What the adapter advertises before it knows the instance: a stock server's limits. */
export const mastodonDefaultCapabilities = capabilitiesFromLimits(MASTODON_DEFAULT_LIMITS)
