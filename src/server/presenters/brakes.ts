import { z } from '@hono/zod-openapi'
import { BRAKE_SCOPES } from '../../core/brake/brake-applies.ts'
import type { brakes } from '../../store/schema/index.ts'

export const BrakeSchema = z
  .object({
    id: z.uuid(),
    scope: z.enum(BRAKE_SCOPES),
    workspaceId: z.uuid().nullable(),
    accountId: z.uuid().nullable(),
    reason: z.string(),
    engagedBy: z.uuid().nullable(),
    engagedByLabel: z.string().nullable(),
    engagedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
  })
  .openapi('Brake')

export function presentBrake(b: typeof brakes.$inferSelect): z.infer<typeof BrakeSchema> {
  return {
    id: b.id,
    scope: b.scope,
    workspaceId: b.workspaceId,
    accountId: b.accountId,
    reason: b.reason,
    engagedBy: b.engagedBy,
    engagedByLabel: b.engagedByLabel,
    engagedAt: b.engagedAt.toISOString(),
    releasedAt: b.releasedAt?.toISOString() ?? null,
  }
}
