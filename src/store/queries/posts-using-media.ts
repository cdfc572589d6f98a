import { sql } from 'drizzle-orm'
import type { Executor } from '../executor.ts'

/** For each image, the posts whose variants use it, newest first (absent: none). */
export async function postsUsingMedia(
  executor: Executor,
  workspaceId: string,
  mediaIds: string[],
): Promise<Map<string, string[]>> {
  const used = new Map<string, string[]>()
  if (mediaIds.length === 0) return used
  const result = await executor.execute<{ media_id: string; post_id: string }>(sql`
    select distinct m.media_id, p.id as post_id, p.created_at
    from posts p
    join variants v on v.post_id = p.id
    cross join jsonb_array_elements(v.segments) s
    cross join jsonb_array_elements_text(s->'mediaIds') m(media_id)
    where p.workspace_id = ${workspaceId} and m.media_id = any(${sql.param(mediaIds)}::text[])
    order by p.created_at desc, p.id desc`)
  for (const row of result.rows)
    used.set(row.media_id, [...(used.get(row.media_id) ?? []), row.post_id])
  return used
}
