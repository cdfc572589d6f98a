import { z } from '@hono/zod-openapi'
import type { listAuditEntries } from '../../store/queries/list-audit-entries.ts'
import { pageSchema, presentPage } from './page.ts'

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    action: z.string(),
    actorUserId: z.uuid().nullable(),
    actorEmail: z.string().nullable(),
    actorLabel: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('AuditEntry')

export const AuditPageSchema = pageSchema(AuditEntrySchema).openapi('AuditPage')

export const AuditQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export function presentAuditPage(
  rows: Awaited<ReturnType<typeof listAuditEntries>>,
  limit: number,
) {
  const items = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
  return presentPage(items, limit, (last) => String(last.id))
}
