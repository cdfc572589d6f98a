import { z } from '@hono/zod-openapi'
import { organicBalance } from '../../core/balance/organic-balance.ts'
import type { publishedByProvenance } from '../../store/queries/published-by-provenance.ts'

const BalanceSchema = z.object({
  live: z.number().int(),
  replies: z.number().int(),
  scheduled: z.number().int(),
  curated: z.number().int(),
  total: z.number().int(),
  broadcastShare: z.number().nullable(),
  warning: z.string().nullable(),
})

export const BalanceReportSchema = z
  .object({
    threshold: z.number(),
    items: z.array(
      z.object({
        accountId: z.uuid(),
        handle: z.string(),
        days7: BalanceSchema,
        days30: BalanceSchema,
      }),
    ),
  })
  .openapi('BalanceReport')

/** Each account's balance over 7 and 30 days, from its published counts per provenance. */
export function presentBalance(
  accounts: Array<{ id: string; handle: string }>,
  rows: Awaited<ReturnType<typeof publishedByProvenance>>,
  threshold: number,
): z.infer<typeof BalanceReportSchema> {
  const counts = (accountId: string, key: 'recent' | 'month') => {
    const of = (provenance: string) =>
      rows.find((r) => r.accountId === accountId && r.provenance === provenance)?.[key] ?? 0
    return {
      live: of('live'),
      replies: of('reply'),
      scheduled: of('scheduled'),
      curated: of('suggestion'),
    }
  }
  return {
    threshold,
    items: accounts.map((a) => ({
      accountId: a.id,
      handle: a.handle,
      days7: organicBalance(counts(a.id, 'recent'), threshold, 7),
      days30: organicBalance(counts(a.id, 'month'), threshold, 30),
    })),
  }
}
