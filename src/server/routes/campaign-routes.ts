import { createRoute, z } from '@hono/zod-openapi'
import { changeCampaign } from '../../commands/change-campaign.ts'
import { createCampaign } from '../../commands/create-campaign.ts'
import { NotFoundError } from '../../core/errors.ts'
import { compareGroups } from '../../core/measure/group-results.ts'
import { campaignPosts, findCampaign, listCampaigns } from '../../store/queries/campaigns.ts'
import { measureReport } from '../../store/queries/measure-report.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import {
  CampaignDetailSchema,
  CampaignFieldsSchema,
  CampaignSchema,
  presentCampaign,
  presentCampaignPosts,
} from '../presenters/campaigns.ts'
import { pageSchema, presentPage } from '../presenters/page.ts'

const CampaignParams = WorkspaceParams.extend({ id: z.uuid() })
const CreateBody = CampaignFieldsSchema.partial({ goal: true, utmCampaign: true })
const ChangeBody = CampaignFieldsSchema.partial()
const conflict = { 409: { description: 'Another campaign uses that UTM campaign tag' } }

export function registerCampaignRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database
  const dates = <T extends { startsAt?: string; endsAt?: string }>(body: T) => ({
    ...body,
    startsAt: body.startsAt ? new Date(body.startsAt) : undefined,
    endsAt: body.endsAt ? new Date(body.endsAt) : undefined,
  })

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'campaigns.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/campaigns',
      tags: ['campaigns'],
      summary: 'A campaign: posts grouped toward one goal, with its period, UTM tag and colour',
      request: { params: WorkspaceParams, body: jsonBody(CreateBody) },
      responses: { 201: jsonResponse(CampaignSchema, 'Created'), ...problems, ...conflict },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const campaign = await createCampaign(db, {
        ...body,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.json(presentCampaign(campaign), 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/campaigns',
      tags: ['campaigns'],
      summary: 'Campaigns, latest start first',
      request: {
        params: WorkspaceParams,
        query: z.object({
          before: z.uuid().optional().openapi({ description: "The previous page's `next`" }),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
      },
      responses: {
        200: jsonResponse(pageSchema(CampaignSchema), 'A page of campaigns'),
        ...problems,
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const rows = await listCampaigns(db, membershipOf(c).workspaceId, {
        limit: query.limit,
        ...(query.before ? { before: query.before } : {}),
      })
      const page = presentPage(rows, query.limit, (r) => r.id)
      return c.json({ items: rows.map(presentCampaign), next: page.next }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/campaigns/{id}',
      tags: ['campaigns'],
      summary:
        'A campaign with its posts, what is still to come, and its results against the other campaigns of its period',
      request: {
        params: CampaignParams,
        query: z.object({
          metric: z
            .enum([
              'conversations',
              'people',
              'replies',
              'quotes',
              'reposts',
              'likes',
              'clicks',
              'visitors',
            ])
            .default('conversations'),
        }),
      },
      responses: { 200: jsonResponse(CampaignDetailSchema, 'The campaign'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const campaign = await findCampaign(db, workspaceId, c.req.valid('param').id)
      if (!campaign) throw new NotFoundError('That campaign')
      const metric = c.req.valid('query').metric
      const [posts, measured] = await Promise.all([
        campaignPosts(db, campaign.id),
        measureReport(db, workspaceId, {
          from: campaign.startsAt,
          to: campaign.endsAt,
          by: 'campaign',
          metric,
          top: 0,
        }),
      ])
      const groups = compareGroups(measured.groups, measured.units, metric)
      const presented = presentCampaignPosts(posts)
      return c.json(
        {
          ...presentCampaign(campaign),
          posts: presented,
          toCome: presented.filter((p) => p.state === 'to_come').length,
          results: {
            metric,
            campaign: groups.find((g) => g.key === campaign.id) ?? null,
            others: groups.filter((g) => g.key !== campaign.id),
          },
        },
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'campaigns.manage' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}/campaigns/{id}',
      tags: ['campaigns'],
      summary: 'Change a campaign’s name, goal, period, UTM tag or colour',
      request: { params: CampaignParams, body: jsonBody(ChangeBody) },
      responses: { 200: jsonResponse(CampaignSchema, 'Changed'), ...problems, ...conflict },
    }),
    async (c) => {
      const body = dates(c.req.valid('json'))
      const campaign = await changeCampaign(db, {
        ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
        workspaceId: membershipOf(c).workspaceId,
        campaignId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.json(presentCampaign(campaign), 200)
    },
  )
}
