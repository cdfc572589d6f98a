import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm'
import { NotFoundError } from '../../core/errors.ts'
import type { Executor } from '../executor.ts'
import { media } from '../schema/index.ts'

/** Every column but the bytes: lists and metadata never carry the image itself. */
const { bytes: _bytes, ...metadataColumns } = getTableColumns(media)

export { metadataColumns as mediaMetadataColumns }

export const inWorkspace = (workspaceId: string, id: string) =>
  and(eq(media.id, id), eq(media.workspaceId, workspaceId))

export async function findMediaItem(executor: Executor, workspaceId: string, id: string) {
  const [item] = await executor
    .select(metadataColumns)
    .from(media)
    .where(inWorkspace(workspaceId, id))
  if (!item) throw new NotFoundError('That image')
  return item
}

export async function findMediaContent(executor: Executor, workspaceId: string, id: string) {
  const [item] = await executor
    .select({ bytes: media.bytes, mimeType: media.mimeType, sha256: media.sha256 })
    .from(media)
    .where(inWorkspace(workspaceId, id))
  if (!item) throw new NotFoundError('That image')
  return item
}

/** Newest first; `before` is the last id of the page before, compared at full precision. */
export async function listMediaItems(
  executor: Executor,
  workspaceId: string,
  options: { before?: string; limit: number },
) {
  const olderThanCursor = options.before
    ? sql`(${media.createdAt}, ${media.id}) < (select m.created_at, m.id from media m where m.id = ${options.before} and m.workspace_id = ${workspaceId})`
    : undefined
  return executor
    .select(metadataColumns)
    .from(media)
    .where(and(eq(media.workspaceId, workspaceId), olderThanCursor))
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(options.limit)
}
