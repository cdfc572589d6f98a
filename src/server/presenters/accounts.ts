import { z } from '@hono/zod-openapi'
import type { accounts } from '../../store/schema/index.ts'

export const AccountSchema = z
  .object({
    id: z.uuid(),
    network: z.string(),
    handle: z.string(),
    displayName: z.string(),
    url: z.string(),
    service: z.string(),
    state: z.enum(['ok', 'needs_attention']),
    reason: z
      .string()
      .nullable()
      .openapi({ description: 'Why it needs attention, and what to do' }),
    lastVerifiedAt: z.iso.datetime().nullable(),
    connectedAt: z.iso.datetime(),
  })
  .openapi('Account')

/** Never includes credentials, sealed or not. */
export function presentAccount(
  account: typeof accounts.$inferSelect,
): z.infer<typeof AccountSchema> {
  return {
    id: account.id,
    network: account.network,
    handle: account.handle,
    displayName: account.displayName,
    url: account.url,
    service: account.service,
    state: account.state,
    reason: account.stateReason,
    lastVerifiedAt: account.lastVerifiedAt?.toISOString() ?? null,
    connectedAt: account.createdAt.toISOString(),
  }
}
