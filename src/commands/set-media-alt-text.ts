import { InvalidInputError, NotFoundError } from '../core/errors.ts'
import { altTextProblem } from '../core/media/media-rules.ts'
import type { Db } from '../store/connect.ts'
import { inWorkspace, mediaMetadataColumns } from '../store/queries/media-items.ts'
import { recordAudit } from '../store/record-audit.ts'
import { media } from '../store/schema/index.ts'

/** Sets an image's alt text (what screen readers say), audited with the person who wrote it. */
export async function setMediaAltText(
  db: Db,
  input: { workspaceId: string; mediaId: string; altText: string; userId: string; ip?: string },
) {
  const altText = input.altText.trim()
  const tooLong = altTextProblem(altText)
  if (tooLong) throw new InvalidInputError(tooLong, { altText: tooLong })
  return db.transaction(async (tx) => {
    const [item] = await tx
      .update(media)
      .set({ altText })
      .where(inWorkspace(input.workspaceId, input.mediaId))
      .returning(mediaMetadataColumns)
    if (!item) throw new NotFoundError('That image')
    await recordAudit(tx, {
      action: 'media.alt_text_changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'media',
      targetId: item.id,
      data: { length: altText.length },
      ip: input.ip,
    })
    return item
  })
}
