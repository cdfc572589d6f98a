import { z } from '@hono/zod-openapi'
import type { CampaignRow } from '../../store/queries/campaigns.ts'
import { MeasureGroupSchema } from './measure.ts'

export const CampaignFieldsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  goal: z.string().max(2000).openapi({ description: 'The goal in words' }),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  utmCampaign: z.string().max(60).openapi({
    description:
      'Its UTM campaign tag (lower case, digits, - and _); made from the name when left out',
  }),
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .openapi({ description: 'Its colour on the calendar', example: '#c46210' }),
})

export const CampaignSchema = CampaignFieldsSchema.extend({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
}).openapi('Campaign')

export function presentCampaign(row: CampaignRow): z.infer<typeof CampaignSchema> {
  return {
    id: row.id,
    name: row.name,
    goal: row.goal,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    utmCampaign: row.utmCampaign,
    colour: row.colour,
    createdAt: row.createdAt.toISOString(),
  }
}

export const CampaignPostSchema = z.object({
  postId: z.uuid(),
  text: z.string().nullable().openapi({ description: 'The idea in its author’s words' }),
  dueAt: z.iso.datetime().nullable(),
  state: z.enum(['published', 'to_come', 'draft']),
})

export const CampaignDetailSchema = CampaignSchema.extend({
  posts: z.array(CampaignPostSchema),
  toCome: z.number().int().openapi({ description: 'Posts still to go out' }),
  results: z.object({
    metric: z.string(),
    campaign: MeasureGroupSchema.nullable(),
    others: z
      .array(MeasureGroupSchema)
      .openapi({ description: "The other campaigns of the campaign's period, and posts in none" }),
  }),
}).openapi('CampaignDetail')

export function presentCampaignPosts(
  rows: Array<{
    postId: string
    text: string | null
    dueAt: Date | null
    published: number
    pending: number
  }>,
) {
  return rows.map((r) => ({
    postId: r.postId,
    text: r.text,
    dueAt: r.dueAt?.toISOString() ?? null,
    state:
      r.pending > 0
        ? ('to_come' as const)
        : r.published > 0
          ? ('published' as const)
          : ('draft' as const),
  }))
}
