import { z } from '@hono/zod-openapi'
import type { media } from '../../store/schema/index.ts'

export const MediaSchema = z
  .object({
    id: z.uuid(),
    mimeType: z.string(),
    size: z.number().int().openapi({ description: 'Bytes as stored, after metadata was removed' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    altText: z.string(),
    createdAt: z.iso.datetime(),
    usedBy: z
      .array(z.uuid())
      .openapi({ description: 'The posts that use it, newest first; it stays while any does' }),
  })
  .openapi('Media')

/** A media item without its bytes (those come from `…/media/{id}/content`), with the posts using it. */
export function presentMedia(
  item: Omit<typeof media.$inferSelect, 'bytes'>,
  usedBy: ReadonlyMap<string, string[]>,
): z.infer<typeof MediaSchema> {
  return {
    id: item.id,
    mimeType: item.mimeType,
    size: item.size,
    width: item.width,
    height: item.height,
    altText: item.altText,
    createdAt: item.createdAt.toISOString(),
    usedBy: usedBy.get(item.id) ?? [],
  }
}
