import { sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'

/** The first segment's text of each (post, account) variant asked for, keyed `postId:accountId`. */
export async function variantTexts(
  db: Db,
  wanted: ReadonlyArray<{ postId: string; accountId: string }>,
): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map()
  const result = await db.execute<{ post_id: string; account_id: string; text: string | null }>(sql`
    select v.post_id, v.account_id, v.segments->0->>'text' as text
    from variants v
    where v.post_id = any(${sql.param(wanted.map((w) => w.postId))}::uuid[])`)
  return new Map(result.rows.map((r) => [`${r.post_id}:${r.account_id}`, r.text ?? '']))
}
