import { sql } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import type { Executor } from './executor.ts'
import type { AuditEntry } from './record-audit.ts'
import type { postLabels, posts, variants } from './schema/index.ts'

type PostRow = typeof posts.$inferSelect
type VariantRow = typeof variants.$inferSelect
type LabelsRow = typeof postLabels.$inferSelect

/** What a new post holds but its author, who is given apart and cannot be left out. */
export type NewPost = Omit<PostRow, 'approvedBy' | 'approvedAt' | 'createdAt' | 'createdBy'>
export type NewVariant = Omit<VariantRow, 'replyTo' | 'visibility'>

/**
 * A new post (its id chosen by the caller), its variants, its labels if given and its audit
 * entry, written by one statement: atomic without a transaction, and one round trip where a
 * transaction of six ran (bench/api.ts). Returns the rows as written; only `createdAt` comes
 * from the database, the rest is what was given (a column added to a table fails to compile
 * here until it is said what a new post holds in it).
 */
export async function insertNewPost(
  executor: Executor,
  input: {
    /** The person who asked: a post never comes to be without one. */
    userId: string
    post: NewPost
    variants: NewVariant[]
    labels?: LabelsRow
    audit: AuditEntry
  },
): Promise<{ post: PostRow; variants: VariantRow[]; labels: LabelsRow | null }> {
  const post = { ...input.post, createdBy: input.userId }
  const audit = { ...input.audit, data: input.audit.data ?? {} }
  // Sibling inserts see each other's rows only when the statement ends, which is when
  // PostgreSQL checks their foreign keys (the variants' and labels' post). The rows go as
  // JSON so that the text is the same for every post, prepared once per connection: the
  // ORM's insert builders took ~0.5 ms of CPU a request (bench/api.ts --profile 1).
  const { rows } = await executor.execute<{ createdAt: string }>(sql`
    with post as (
      insert into posts (id, workspace_id, created_by, provenance, approval, text)
      select id, workspace_id, created_by, provenance, approval, text
      from jsonb_populate_record(null::posts, ${asColumns(post)}::jsonb)
      returning created_at
    ), variant as (
      insert into variants (id, post_id, account_id, network, position, segments, link,
        content_warning, language)
      select id, post_id, account_id, network, position, segments, link, content_warning,
        language
      from jsonb_populate_recordset(null::variants, ${asColumns(input.variants)}::jsonb)
    ), labels as (
      insert into post_labels (post_id, workspace_id, campaign_id, topics, approach,
        click_tracking)
      select post_id, workspace_id, campaign_id, topics, approach, click_tracking
      from jsonb_populate_recordset(null::post_labels,
        ${asColumns(input.labels ? [input.labels] : [])}::jsonb)
    ), audit as (
      insert into audit_log (workspace_id, actor_user_id, actor_label, action, target_type,
        target_id, data, ip)
      select workspace_id, actor_user_id, actor_label, action, target_type, target_id, data, ip
      from jsonb_populate_record(null::audit_log, ${asColumns(audit)}::jsonb)
    )
    select created_at as "createdAt" from post`)
  const [written] = rows
  if (!written) throw new Error('the post insert returned no row')
  return {
    post: {
      ...post,
      approvedBy: null,
      approvedAt: null,
      // As the ORM reads a timestamptz: the driver gives it as text with its offset.
      createdAt: new Date(written.createdAt),
    },
    variants: input.variants.map((v) => ({ ...v, replyTo: null, visibility: null })),
    labels: input.labels ?? null,
  }
}

// The ORM's conversion runs a regular expression a key: ~6% of a draft's CPU uncached.
const columnNames = new Map<string, string>()

/** Rows as JSON named by their columns (the schema's snake_case). */
function asColumns(rows: object | object[]): string {
  const one = (row: object) => {
    const columns: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(row)) {
      let column = columnNames.get(key)
      if (column === undefined) {
        column = toSnakeCase(key)
        columnNames.set(key, column)
      }
      columns[column] = value
    }
    return columns
  }
  return JSON.stringify(Array.isArray(rows) ? rows.map(one) : one(rows))
}
