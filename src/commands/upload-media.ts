import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import sharp from 'sharp'
import { InvalidInputError } from '../core/errors.ts'
import {
  altTextProblem,
  describeBytes,
  type MediaType,
  mediaTypeOf,
} from '../core/media/media-rules.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { media } from '../store/schema/index.ts'

type CleanImage = { bytes: Buffer; mimeType: MediaType; width: number; height: number }

/**
 * The type comes from the bytes, never from the client's name or content type. Privacy:
 * JPEG, PNG and WebP are re-encoded without `keepMetadata()`, which drops EXIF (GPS location
 * included), XMP and IPTC; `rotate()` first bakes the orientation tag into the pixels. GIF
 * has no EXIF and passes through unchanged, keeping its animation.
 */
async function cleanImage(bytes: Buffer): Promise<CleanImage> {
  const format = await sharp(bytes)
    .metadata()
    .then((m) => m.format as string)
    .catch(() => undefined)
  const mimeType = mediaTypeOf(format)
  if (!mimeType) {
    const what = describeBytes(bytes, format)
    throw new InvalidInputError(`Upload a JPEG, PNG, WebP or GIF image; this is ${what}`, {
      file: `not an accepted image: ${what}`,
    })
  }
  try {
    let out = bytes
    if (mimeType !== 'image/gif') {
      const animated = mimeType === 'image/webp'
      const image = sharp(bytes, { animated })
      const { pages = 1 } = await image.metadata()
      // Orientation is an EXIF-only tag of single images; animated WebP has none to apply.
      const oriented = pages > 1 ? image : image.rotate()
      out =
        mimeType === 'image/jpeg'
          ? await oriented.jpeg({ quality: 90, mozjpeg: true }).toBuffer()
          : mimeType === 'image/png'
            ? await oriented.png().toBuffer()
            : await oriented.webp({ quality: 90 }).toBuffer()
    }
    const { width, height } = await sharp(out).metadata()
    return { bytes: out, mimeType, width, height }
  } catch (error) {
    throw new InvalidInputError(`The image cannot be read: ${(error as Error).message}`, {
      file: 'damaged or truncated image',
    })
  }
}

/**
 * Adds an image to the workspace's media library, cleaned of metadata. The same cleaned
 * bytes uploaded again return the existing item (`created: false`), alt text untouched.
 */
export async function uploadMedia(
  db: Db,
  input: { workspaceId: string; userId: string; bytes: Buffer; altText?: string; ip?: string },
) {
  const altText = input.altText?.trim() ?? ''
  const tooLong = altTextProblem(altText)
  if (tooLong) throw new InvalidInputError(tooLong, { altText: tooLong })
  const image = await cleanImage(input.bytes)
  const sha256 = createHash('sha256').update(image.bytes).digest('hex')

  return db.transaction(async (tx) => {
    const [item] = await tx
      .insert(media)
      .values({
        workspaceId: input.workspaceId,
        uploadedBy: input.userId,
        mimeType: image.mimeType,
        bytes: image.bytes,
        size: image.bytes.length,
        width: image.width,
        height: image.height,
        altText,
        sha256,
      })
      // Racing uploads of the same bytes meet at the unique index: the first one wins.
      .onConflictDoNothing({ target: [media.workspaceId, media.sha256] })
      .returning()
    if (!item) {
      const [existing] = await tx
        .select()
        .from(media)
        .where(and(eq(media.workspaceId, input.workspaceId), eq(media.sha256, sha256)))
      if (!existing) throw new Error('media conflict without a row')
      return { item: existing, created: false }
    }
    await recordAudit(tx, {
      action: 'media.uploaded',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'media',
      targetId: item.id,
      data: { mimeType: item.mimeType, size: item.size, sha256 },
      ip: input.ip,
    })
    return { item, created: true }
  })
}
