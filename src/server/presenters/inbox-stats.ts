import { z } from '@hono/zod-openapi'
import { type BusinessHours, businessMsBetween } from '../../core/inbox/business-time.ts'
import { summarise } from '../../core/inbox/response-times.ts'
import type { AnsweredItem } from '../../store/queries/inbox-counts.ts'

const SummarySchema = z.object({
  count: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
})

export const InboxStatsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    overall: SummarySchema,
    byMember: z.array(SummarySchema.extend({ userId: z.uuid().nullable() })),
    byAccount: z.array(SummarySchema.extend({ accountId: z.uuid().nullable() })),
  })
  .openapi('InboxStats')

/** First-response times in business time: median and p90 overall, per member and per account. */
export function presentInboxStats(
  answered: AnsweredItem[],
  hours: BusinessHours,
  from: Date,
  to: Date,
): z.infer<typeof InboxStatsSchema> {
  const timed = answered.map((a) => ({
    ...a,
    ms: businessMsBetween(hours, a.createdAt.getTime(), a.firstResponseAt.getTime()),
  }))
  const group = <K extends 'responderId' | 'accountId'>(key: K) => {
    const groups = new Map<string | null, number[]>()
    for (const t of timed) groups.set(t[key], [...(groups.get(t[key]) ?? []), t.ms])
    return [...groups.entries()].map(([id, times]) => ({ id, ...summarise(times) }))
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    overall: summarise(timed.map((t) => t.ms)),
    byMember: group('responderId').map(({ id, ...s }) => ({ userId: id, ...s })),
    byAccount: group('accountId').map(({ id, ...s }) => ({ accountId: id, ...s })),
  }
}
