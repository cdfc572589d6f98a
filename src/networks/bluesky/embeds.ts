import type { $Typed, AppBskyEmbedExternal, AppBskyEmbedImages, BlobRef } from '@atproto/api'
import { ids } from '@atproto/api'
import type { ImageAttachment, LinkCard } from '../types.ts'
import type { BlueskyClient } from './client.ts'

/**
 * The post's embed: its images with alt text, or a link card. Blobs are uploaded as reads:
 * a lost upload leaves only an unreferenced blob the PDS discards.
 */
export async function buildEmbed(
  client: BlueskyClient,
  images: ImageAttachment[],
  link: LinkCard | undefined,
): Promise<$Typed<AppBskyEmbedImages.Main> | $Typed<AppBskyEmbedExternal.Main> | undefined> {
  if (images.length > 0) {
    const uploaded: AppBskyEmbedImages.Image[] = []
    for (const image of images) {
      uploaded.push({ image: await upload(client, image), alt: image.altText })
    }
    return { $type: ids.AppBskyEmbedImages, images: uploaded }
  }
  if (link) {
    return {
      $type: ids.AppBskyEmbedExternal,
      external: {
        uri: link.url,
        title: link.title ?? '',
        description: link.description ?? '',
        ...(link.thumbnail ? { thumb: await upload(client, link.thumbnail) } : {}),
      },
    }
  }
  return undefined
}

async function upload(client: BlueskyClient, image: ImageAttachment): Promise<BlobRef> {
  const { data } = await client.run('read', (agent) =>
    agent.com.atproto.repo.uploadBlob(image.bytes, { encoding: image.mimeType }),
  )
  return data.blob
}
