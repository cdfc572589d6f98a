import type { WithSubquery } from 'drizzle-orm'
import type { Executor } from './executor.ts'
import type { AuditEntry } from './record-audit.ts'
import { auditLog, postLabels, posts, variants } from './schema/index.ts'

type PostRow = typeof posts.$inferSelect
type VariantRow = typeof variants.$inferSelect
type LabelsRow = typeof postLabels.$inferSelect

export type NewPost = Omit<PostRow, 'approvedBy' | 'approvedAt' | 'createdAt'>
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
  input: { post: NewPost; variants: NewVariant[]; labels?: LabelsRow; audit: AuditEntry },
): Promise<{ post: PostRow; variants: VariantRow[]; labels: LabelsRow | null }> {
  const post = executor
    .$with('post')
    .as(executor.insert(posts).values(input.post).returning({ createdAt: posts.createdAt }))
  const audit = executor
    .$with('audit')
    .as(executor.insert(auditLog).values({ ...input.audit, data: input.audit.data ?? {} }))
  const ctes: Array<WithSubquery> = [post, audit]
  if (input.variants.length)
    ctes.push(executor.$with('variant').as(executor.insert(variants).values(input.variants)))
  if (input.labels)
    ctes.push(executor.$with('labels').as(executor.insert(postLabels).values(input.labels)))
  // Sibling inserts see each other's rows only at the end of the statement, which is when
  // PostgreSQL checks their foreign keys (the variants' and labels' post).
  const [written] = await executor
    .with(...ctes)
    .select({ createdAt: post.createdAt })
    .from(post)
  if (!written) throw new Error('the post insert returned no row')
  return {
    post: { ...input.post, approvedBy: null, approvedAt: null, createdAt: written.createdAt },
    variants: input.variants.map((v) => ({ ...v, replyTo: null, visibility: null })),
    labels: input.labels ?? null,
  }
}
