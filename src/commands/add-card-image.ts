import type { NetworkRegistry } from '../networks/registry.ts'
import type { LinkCard, NetworkCapabilities, PublishRequest } from '../networks/types.ts'

/** A request as built from a variant: its card may name where its image is. */
export type RequestWithCardImage = Omit<PublishRequest, 'link'> & {
  link?: LinkCard & { imageUrl?: string }
}

/**
 * A card's image travels as its address and is fetched (through the guard) as the post goes
 * out, only for networks whose clients build the card; too large or unreachable, the card
 * goes without it rather than the post failing.
 */
export async function addCardImage(
  request: RequestWithCardImage,
  networks: Pick<NetworkRegistry, 'cardImage'>,
  capabilities: NetworkCapabilities,
): Promise<PublishRequest> {
  const { link, ...rest } = request
  if (!link) return rest
  const { imageUrl, ...card } = link
  if (!imageUrl || !capabilities.linkCards) return { ...rest, link: card }
  const image = await networks.cardImage(imageUrl, capabilities.media.maxImageBytes)
  return {
    ...rest,
    link: image ? { ...card, thumbnail: { ...image, altText: card.title ?? '' } } : card,
  }
}
