import { createRoute, z } from '@hono/zod-openapi'
import { schedulePost } from '../../commands/schedule-post.ts'
import { NotFoundError } from '../../core/errors.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import { loadPost } from '../../store/queries/load-post.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { PostSchema, presentPost } from '../presenters/posts.ts'

const VariantInputSchema = z.strictObject({
  accountId: z.uuid(),
  text: z.string().max(20_000),
  mediaIds: z.array(z.uuid()).max(10).optional(),
  link: z
    .strictObject({
      url: z.url(),
      title: z.string().max(300).optional(),
      description: z.string().max(1000).optional(),
    })
    .optional(),
  thread: z
    .array(
      z.strictObject({
        text: z.string().max(20_000),
        mediaIds: z.array(z.uuid()).max(10).optional(),
      }),
    )
    .max(25)
    .optional(),
  contentWarning: z.string().max(500).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional(),
})

const ScheduleSchema = z
  .strictObject({
    at: z.iso.datetime({ offset: true }).optional().openapi({ description: 'An exact time' }),
    slot: z
      .literal(true)
      .optional()
      .openapi({ description: "The next free slot of each account's queue" }),
    now: z.literal(true).optional().openapi({ description: 'Publish right away (written live)' }),
  })
  .openapi('Schedule')

export function registerPostRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/posts',
      tags: ['posts'],
      summary:
        'One idea, one variant per account, checked by each network and scheduled (a contributor’s waits for approval)',
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            variants: z.array(VariantInputSchema).min(1).max(50),
            schedule: ScheduleSchema,
          }),
        ),
      },
      responses: {
        201: jsonResponse(PostSchema.extend({ notice: z.string().nullable() }), 'Scheduled'),
        ...problems,
        422: {
          description:
            'A variant does not fit its network, or the time is not possible: the reason per variant',
        },
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const { workspaceId, role } = membershipOf(c)
      const { post, notice } = await schedulePost(ctx.database, ctx.secret, ctx.networks, {
        workspaceId,
        userId: principalOf(c).userId,
        role,
        variants: body.variants,
        schedule: body.schedule,
        ip: clientIp(c),
      })
      const loaded = await loadPost(db, workspaceId, post.id)
      if (!loaded) throw new NotFoundError('That post')
      return c.json({ ...presentPost(loaded), notice }, 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/posts/{id}',
      tags: ['posts'],
      summary: 'A post with each variant’s delivery state, URI, URL and error',
      request: { params: WorkspaceParams.extend({ id: z.uuid() }) },
      responses: { 200: jsonResponse(PostSchema, 'The post'), ...problems },
    }),
    async (c) => {
      const loaded = await loadPost(db, membershipOf(c).workspaceId, c.req.valid('param').id)
      if (!loaded) throw new NotFoundError('That post')
      return c.json(presentPost(loaded), 200)
    },
  )
}
