import { z } from '@hono/zod-openapi'
import {
  type Counts,
  type GroupResult,
  MEASURE_BY,
  METRICS,
  type MeasureBy,
  type Metric,
} from '../../core/measure/group-results.ts'
import type { AccountFollowers } from '../../store/queries/account-followers.ts'
import type { MeasureDayRow, MeasureTopRow } from '../../store/queries/measure-report.ts'

const CountsSchema = z.object({
  replies: z.number().int(),
  reposts: z.number().int(),
  quotes: z.number().int(),
  likes: z.number().int(),
  people: z
    .number()
    .int()
    .openapi({ description: 'Distinct people who engaged, per post, summed' }),
  conversations: z.number().int().openapi({
    description: 'Replies by others directly under a post: each starts a conversation',
  }),
  clicks: z.number().int().openapi({ description: 'Link clicks by people (bots filtered)' }),
  visitors: z.number().int().openapi({ description: 'Unique visitors, counted per day' }),
  botClicks: z
    .number()
    .int()
    .openapi({ description: 'Requests filtered as bots or card fetchers' }),
  answered: z.number().int().openapi({ description: 'Replies the team answered (from the inbox)' }),
})

const ComparisonSchema = z.object({
  verdict: z.enum(['not_enough_posts', 'better', 'worse', 'unclear']),
  posts: z.number().int(),
  otherPosts: z.number().int(),
  mean: z.number().nullable().openapi({ description: "This group's per-post mean of `metric`" }),
  otherMean: z.number().nullable(),
  difference: z
    .object({ estimate: z.number(), low: z.number(), high: z.number() })
    .nullable()
    .openapi({ description: 'Mean minus the other posts’ mean, with its interval at `level`' }),
  level: z.number(),
  method: z.enum(['bootstrap', 'normal']).nullable(),
  statement: z.string().openapi({ description: 'How sure the comparison is, in words' }),
})

export const MeasureGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  posts: z.number().int(),
  totals: CountsSchema,
  medianFirstResponseSeconds: z.number().nullable(),
  comparison: ComparisonSchema,
})

export const TopPostSchema = CountsSchema.extend({
  postId: z.uuid(),
  accountId: z.uuid(),
  handle: z.string(),
  network: z.string(),
  publishedAt: z.iso.datetime(),
  text: z.string().openapi({ description: 'The first segment of the variant' }),
  deleted: z.boolean(),
})

export const MeasureDaySchema = CountsSchema.extend({ date: z.string(), posts: z.number().int() })

export const MeasureReportSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    by: z.enum(MEASURE_BY),
    metric: z.enum(METRICS),
    posts: z.number().int(),
    totals: CountsSchema,
    groups: z.array(MeasureGroupSchema),
    days: z.array(MeasureDaySchema),
    top: z.array(TopPostSchema).openapi({
      description: 'The best published variants of the period by `metric` (at most 10)',
    }),
    followers: z
      .array(
        z.object({
          accountId: z.uuid(),
          handle: z.string(),
          followers: z.number().int().nullable(),
        }),
      )
      .openapi({
        description:
          "Each account's follower count as its last people sync saw it (null before one): context, never the score",
      }),
    note: z.string(),
  })
  .openapi('MeasureReport')

export type MeasureReport = z.infer<typeof MeasureReportSchema>

export function presentMeasure(input: {
  from: Date
  to: Date
  by: MeasureBy
  metric: Metric
  posts: number
  groups: GroupResult[]
  days: MeasureDayRow[]
  top: MeasureTopRow[]
  followers: AccountFollowers[]
}): MeasureReport {
  const totals = {
    replies: 0,
    reposts: 0,
    quotes: 0,
    likes: 0,
    people: 0,
    conversations: 0,
    clicks: 0,
    visitors: 0,
    botClicks: 0,
    answered: 0,
  }
  for (const day of input.days)
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += day[k]
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    by: input.by,
    metric: input.metric,
    posts: input.posts,
    totals,
    groups: input.groups,
    days: input.days.map((d) => ({ date: d.date, posts: d.posts, ...countsOf(d) })),
    top: input.top.map((u) => ({
      postId: u.postId,
      accountId: u.accountId,
      handle: u.handle,
      network: u.network,
      publishedAt: u.publishedAt,
      text: u.text,
      deleted: u.deleted,
      ...countsOf(u),
    })),
    followers: input.followers,
    note:
      input.posts === 0
        ? 'No posts were published in this period.'
        : 'Engagement is what each network reported at the latest snapshot; follower counts are context, never the score.',
  }
}

const countsOf = (u: Counts) => ({
  replies: u.replies,
  reposts: u.reposts,
  quotes: u.quotes,
  likes: u.likes,
  people: u.people,
  conversations: u.conversations,
  clicks: u.clicks,
  visitors: u.visitors,
  botClicks: u.botClicks,
  answered: u.answered,
})

export const MEASURE_TABLES = ['groups', 'days', 'top'] as const

/** A table of the report as rows of cells, headed: what the CSV export writes. */
export function measureTable(report: MeasureReport, table: (typeof MEASURE_TABLES)[number]) {
  const countKeys = Object.keys(report.totals) as Array<keyof MeasureReport['totals']>
  if (table === 'top') {
    return [
      ['published_at', 'account', 'network', 'post_id', 'text', ...countKeys],
      ...report.top.map((t) => [
        t.publishedAt,
        t.handle,
        t.network,
        t.postId,
        t.text,
        ...countKeys.map((k) => t[k]),
      ]),
    ]
  }
  if (table === 'days') {
    return [
      ['date', 'posts', ...countKeys],
      ...report.days.map((d) => [d.date, d.posts, ...countKeys.map((k) => d[k])]),
    ]
  }
  return [
    [
      report.by,
      'posts',
      ...countKeys,
      `${report.metric}_per_post`,
      'others_per_post',
      'difference',
      'low',
      'high',
      'level',
      'verdict',
      'statement',
    ],
    ...report.groups.map((g) => [
      g.label,
      g.posts,
      ...countKeys.map((k) => g.totals[k]),
      g.comparison.mean,
      g.comparison.otherMean,
      g.comparison.difference?.estimate ?? null,
      g.comparison.difference?.low ?? null,
      g.comparison.difference?.high ?? null,
      g.comparison.level,
      g.comparison.verdict,
      g.comparison.statement,
    ]),
  ]
}
