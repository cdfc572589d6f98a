import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import {
  altTextProblem,
  describeBytes,
  MAX_PIXELS,
  type MediaType,
  mediaTypeOf,
  pixelProblem,
} from '../core/media/media-rules.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { media } from '../store/schema/index.ts'

type CleanImage = { bytes: Buffer; mimeType: MediaType; width: number; height: number }

/**
 * The type comes from the bytes, never from the client's name or content type, and the size
 * from the header, before a pixel is decoded (`pixelProblem`); `limitInputPixels` holds the
 * same bound while decoding. Every image is re-encoded, so nothing rides along: JPEG, PNG and
 * WebP lose EXIF (GPS location included), XMP and IPTC (no `keepMetadata()`), after `rotate()`
 * bakes the orientation in; a GIF keeps its frames, delays and loop but loses comments and
 * anything after its trailer. Any refusal is a 422.
 */
async function cleanImage(bytes: Buffer): Promise<CleanImage> {
  // sharp throws synchronously on an empty buffer, outside any promise.
  if (bytes.length === 0) refuse(bytes, undefined)
  // libvips costs ~20 MB: loaded with the first upload, not when Sous starts.
  const { default: sharp } = await import('sharp')
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined)
  const mimeType = mediaTypeOf(header?.format)
  if (!header || !mimeType) return refuse(bytes, header?.format)
  const frames = header.pages ?? 1
  const tooBig = pixelProblem({ width: header.width, height: header.height, frames })
  if (tooBig) throw new InvalidInputError(tooBig, { file: 'too many pixels' })
  try {
    const animated = mimeType === 'image/gif' || mimeType === 'image/webp'
    const image = sharp(bytes, { animated, limitInputPixels: MAX_PIXELS })
    // Orientation is an EXIF-only tag of single images; an animation has none to apply.
    const oriented = frames > 1 ? image : image.rotate()
    const out = await (mimeType === 'image/jpeg'
      ? oriented.jpeg({ quality: 90, mozjpeg: true })
      : mimeType === 'image/png'
        ? oriented.png()
        : mimeType === 'image/webp'
          ? oriented.webp({ quality: 90 })
          : oriented.gif({ keepDuplicateFrames: true })
    ).toBuffer()
    const { width, height } = await sharp(out).metadata()
    return { bytes: out, mimeType, width, height }
  } catch (error) {
    throw new InvalidInputError(`The image cannot be read: ${(error as Error).message}`, {
      file: 'damaged or truncated image',
    })
  }
}

function refuse(bytes: Buffer, format: string | undefined): never {
  const what = describeBytes(bytes, format)
  throw new InvalidInputError(`Upload a JPEG, PNG, WebP or GIF image; this is ${what}`, {
    file: bytes.length === 0 ? what : `not an accepted image: ${what}`,
  })
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
