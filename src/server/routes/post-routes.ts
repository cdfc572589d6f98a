import { createRoute, z } from '@hono/zod-openapi'
import { approvePost } from '../../commands/approve-post.ts'
import { type PostCaller, reschedulePost, unschedulePost } from '../../commands/reschedule-post.ts'
import {
  type ScheduleInput,
  schedulePost,
  type VariantInput,
} from '../../commands/schedule-post.ts'
import { NotFoundError } from '../../core/errors.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import { listPostIds, loadPost, loadPosts } from '../../store/queries/load-post.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { pageSchema, presentPage } from '../presenters/page.ts'
import { PostLabelsSchema } from '../presenters/post-labels.ts'
import {
  PostReadOnlySchema,
  PostSchema,
  PostTextSchema,
  presentPost,
  VariantContentSchema,
  VariantReadOnlySchema,
} from '../presenters/posts.ts'

// A variant as read may be sent back as it is: what only a read gives is ignored.
const VariantInputSchema = VariantContentSchema.partial({
  accountId: true,
  network: true,
  mediaIds: true,
  link: true,
  thread: true,
  contentWarning: true,
  language: true,
}).extend(VariantReadOnlySchema.partial().shape)

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

// A post as read may be sent back as it is (PUT): what only a read gives is ignored.
const PostBodySchema = PostReadOnlySchema.partial().extend({
  text: PostTextSchema.optional(),
  variants: z.array(VariantInputSchema).max(50).default([]).openapi({
    description:
      'One per account; a draft may have none yet, or some aimed at a `network` without an account',
  }),
  schedule: ScheduleSchema.optional().openapi({
    description: 'Leave out to save a draft (its checks are reported, not enforced)',
  }),
  ...PostLabelsSchema.partial().shape,
  suggestionId: z.uuid().optional().openapi({
    description:
      'Written from this suggestion (POST …/suggestions/{id}/share): the post’s provenance is "suggestion"',
  }),
})

const SavedPostSchema = PostSchema.extend({
  notice: z.string().nullable(),
  checks: z.array(
    z.object({
      accountId: z.uuid().nullable(),
      network: z.string(),
      problems: z.array(z.string()),
    }),
  ),
})

const PostParams = WorkspaceParams.extend({ id: z.uuid() })

const labelsOf = ({
  campaignId,
  topics,
  approach,
  clickTracking,
}: z.infer<typeof PostBodySchema>) => ({
  ...(campaignId !== undefined ? { campaignId } : {}),
  ...(topics !== undefined ? { topics } : {}),
  ...(approach !== undefined ? { approach } : {}),
  ...(clickTracking !== undefined ? { clickTracking } : {}),
})

/** A variant's content, without what only a read gives. */
function variantInput(variant: z.infer<typeof VariantInputSchema>): VariantInput {
  const { id, state, dueAt, uri, url, error, deliveries, ...content } = variant
  return content
}

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
        body: jsonBody(PostBodySchema),
      },
      responses: {
        201: jsonResponse(SavedPostSchema, 'Scheduled, or saved as a draft'),
        ...problems,
        422: {
          description:
            'A variant does not fit its network, or the time is not possible: the reason per variant',
        },
      },
    }),
    async (c) => c.json(await save(c, c.req.valid('json')), 201),
  )

  const save = async (
    c: Parameters<typeof membershipOf>[0],
    body: z.infer<typeof PostBodySchema>,
    postId?: string,
  ) => {
    const { workspaceId, role } = membershipOf(c)
    const input: ScheduleInput = {
      workspaceId,
      userId: principalOf(c).userId,
      role,
      text: body.text ?? null,
      variants: body.variants.map(variantInput),
      ...(body.schedule ? { schedule: body.schedule } : {}),
      ...(postId ? { postId } : {}),
      labels: { ...labelsOf(body), shortLinkBase: ctx.config.publicUrl },
      ...(body.suggestionId ? { suggestionId: body.suggestionId } : {}),
      ip: clientIp(c),
    }
    // Presented from the rows its transaction wrote: reading them back cost 4 statements.
    const { notice, checks, ...saved } = await schedulePost(
      ctx.database,
      ctx.secret,
      ctx.networks,
      input,
    )
    return { ...presentPost(saved), notice, checks }
  }

  const presented = async (workspaceId: string, postId: string) => {
    const loaded = await loadPost(db, workspaceId, postId)
    if (!loaded) throw new NotFoundError('That post')
    return presentPost(loaded)
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'put',
      path: '/api/v1/workspaces/{ws}/posts/{id}',
      tags: ['posts'],
      summary:
        'Rewrite a draft or a scheduled post (nothing of it attempted yet); with `schedule`, schedule it',
      request: { params: PostParams, body: jsonBody(PostBodySchema) },
      responses: {
        200: jsonResponse(SavedPostSchema, 'Saved'),
        ...problems,
        409: { description: 'Part of the post is out or on its way' },
        422: { description: 'A variant does not fit its network: the reason per variant' },
      },
    }),
    async (c) => c.json(await save(c, c.req.valid('json'), c.req.valid('param').id), 200),
  )

  /** Runs a change to an existing post as the caller; answers with its counts and the post after. */
  const changePost = async (
    c: Parameters<typeof membershipOf>[0],
    postId: string,
    change: (caller: PostCaller) => Promise<{ changed: number; left: number }>,
  ) => {
    const { workspaceId, role } = membershipOf(c)
    const result = await change({
      workspaceId,
      postId,
      userId: principalOf(c).userId,
      role,
      ip: clientIp(c),
    })
    return { ...result, post: await presented(workspaceId, postId) }
  }

  const ChangeResultSchema = z.object({
    changed: z.number().int().openapi({ description: 'Variants (re)scheduled or taken back' }),
    left: z
      .number()
      .int()
      .openapi({ description: 'Variants out or on their way, left as they are' }),
    post: PostSchema,
  })

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/posts/{id}/reschedule',
      tags: ['posts'],
      summary:
        'Move a post to a time, its accounts’ next free slots, or now; its draft variants are checked and scheduled',
      request: { params: PostParams, body: jsonBody(ScheduleSchema) },
      responses: {
        200: jsonResponse(ChangeResultSchema, 'Rescheduled'),
        ...problems,
        409: { description: 'Nothing of the post can move: it is out or on its way' },
        422: { description: 'The time has passed, or a draft variant does not fit its network' },
      },
    }),
    async (c) =>
      c.json(
        await changePost(c, c.req.valid('param').id, (caller) =>
          reschedulePost(ctx.database, ctx.secret, ctx.networks, {
            ...caller,
            schedule: c.req.valid('json'),
          }),
        ),
        200,
      ),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/posts/{id}/unschedule',
      tags: ['posts'],
      summary: 'Take a post’s scheduled, never-attempted variants back to drafts',
      request: { params: PostParams },
      responses: {
        200: jsonResponse(ChangeResultSchema, 'Back to drafts'),
        ...problems,
        409: { description: 'Nothing of the post is scheduled and untouched' },
      },
    }),
    async (c) =>
      c.json(
        await changePost(c, c.req.valid('param').id, (caller) =>
          unschedulePost(ctx.database, caller),
        ),
        200,
      ),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/posts',
      tags: ['posts'],
      summary:
        'Posts newest first; `status=draft` for the ones with a variant not scheduled, or none yet',
      request: {
        params: WorkspaceParams,
        query: z.object({
          status: z.enum(['all', 'draft']).default('all'),
          before: z.uuid().optional().openapi({ description: "The previous page's `next`" }),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
      },
      responses: {
        200: jsonResponse(pageSchema(PostSchema), 'A page of posts'),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const query = c.req.valid('query')
      const ids = await listPostIds(db, workspaceId, {
        drafts: query.status === 'draft',
        limit: query.limit,
        ...(query.before ? { before: query.before } : {}),
      })
      const loaded = await loadPosts(db, workspaceId, ids)
      const page = presentPage(ids, query.limit, (id) => id)
      return c.json({ items: loaded.map(presentPost), next: page.next }, 200)
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
      request: { params: PostParams },
      responses: { 200: jsonResponse(PostSchema, 'The post'), ...problems },
    }),
    async (c) => {
      const loaded = await loadPost(db, membershipOf(c).workspaceId, c.req.valid('param').id)
      if (!loaded) throw new NotFoundError('That post')
      return c.json(presentPost(loaded), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.publish' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/posts/{id}/approve',
      tags: ['posts'],
      summary: 'Approve a contributor’s post',
      request: { params: WorkspaceParams.extend({ id: z.uuid() }) },
      responses: { 204: { description: 'Approved' }, ...problems },
    }),
    async (c) => {
      await approvePost(db, {
        workspaceId: membershipOf(c).workspaceId,
        postId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )
}
