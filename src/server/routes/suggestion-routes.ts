import { createRoute, z } from '@hono/zod-openapi'
import { decideSuggestion } from '../../commands/decide-suggestion.ts'
import { setTopics } from '../../commands/set-topics.ts'
import { shareSuggestion } from '../../commands/share-suggestion.ts'
import { rankedPage, rankSuggestion } from '../../core/curate/rank-suggestions.ts'
import { InvalidInputError, NotFoundError } from '../../core/errors.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import { listTopics } from '../../store/queries/list-topics.ts'
import { loadSuggestionQueue } from '../../store/queries/suggestion-queue.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { pageSchema } from '../presenters/page.ts'
import {
  decodeCursor,
  encodeCursor,
  presentComposerStart,
  presentSuggestion,
  SharedSuggestionSchema,
  SuggestionSchema,
  TopicsSchema,
} from '../presenters/suggestions.ts'

const SuggestionParams = WorkspaceParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
})

export function registerSuggestionRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  const { db } = ctx.database

  /** One suggestion as the queue shows it, ranked as of `now`. */
  const presentOne = async (workspaceId: string, id: string, now: Date) => {
    const { candidates, context } = await loadSuggestionQueue(db, workspaceId, { ids: [id], now })
    const [candidate] = candidates
    if (!candidate) throw new NotFoundError('That suggestion')
    return presentSuggestion(candidate, rankSuggestion(candidate, context), context)
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/suggestions',
      tags: ['curate'],
      summary:
        'The suggestions queue, best first, each with the reasons for its rank; `state=saved` lists those saved for later; `sourceId` and `topic` narrow it. Page with `before` = the previous page’s `next`',
      request: {
        params: WorkspaceParams,
        query: z.object({
          state: z.enum(['new', 'saved', 'shared', 'skipped']).default('new'),
          sourceId: z
            .uuid()
            .optional()
            .openapi({ description: 'Only stories this source carries' }),
          topic: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .optional()
            .openapi({ description: 'Only those matching this topic' }),
          before: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: {
        200: jsonResponse(pageSchema(SuggestionSchema), 'Ranked suggestions'),
        ...problems,
      },
    }),
    async (c) => {
      const { state, sourceId, topic, before, limit } = c.req.valid('query')
      const cursor = before ? decodeCursor(before) : null
      if (before && !cursor)
        throw new InvalidInputError('`before` is not a cursor this list gave', {
          before: 'unknown cursor',
        })
      const now = cursor ? new Date(cursor.asOf) : new Date()
      const { candidates, context } = await loadSuggestionQueue(db, membershipOf(c).workspaceId, {
        state,
        sourceId,
        now,
      })
      const page = rankedPage(candidates, context, { after: cursor ?? undefined, limit, topic })
      const last = page.at(-1)
      return c.json(
        {
          items: page.map(({ candidate, ranked }) => presentSuggestion(candidate, ranked, context)),
          next:
            page.length === limit && last
              ? encodeCursor({ asOf: now.getTime(), score: last.ranked.score, id: last.ranked.id })
              : null,
        },
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/suggestions/{id}/share',
      tags: ['curate'],
      summary:
        'Share a suggestion: it is marked shared by you, and the answer is what the composer opens with (link, title, description, card image). Nothing is posted until you write and send the post, with `suggestionId`',
      request: { params: SuggestionParams },
      responses: {
        200: jsonResponse(SharedSuggestionSchema, 'Shared; open the composer'),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const now = new Date()
      const { card } = await shareSuggestion(db, ctx.networks, {
        workspaceId,
        suggestionId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
        now,
      })
      const suggestion = await presentOne(workspaceId, c.req.valid('param').id, now)
      return c.json({ suggestion, composer: presentComposerStart(suggestion, card) }, 200)
    },
  )

  for (const decision of ['save', 'skip'] as const) {
    addRoute(
      api,
      ctx,
      { kind: 'workspace', permission: 'posts.compose' },
      createRoute({
        method: 'post',
        path: `/api/v1/workspaces/{ws}/suggestions/{id}/${decision}`,
        tags: ['curate'],
        summary:
          decision === 'save'
            ? 'Save a suggestion for later (listed with `state=saved`)'
            : 'Skip a suggestion: it leaves the queue, and later ones from its source and topics rank by it',
        request: { params: SuggestionParams },
        responses: { 200: jsonResponse(SuggestionSchema, 'Decided'), ...problems },
      }),
      async (c) => {
        const { workspaceId } = membershipOf(c)
        const now = new Date()
        const { id } = c.req.valid('param')
        await db.transaction((tx) =>
          decideSuggestion(tx, {
            workspaceId,
            suggestionId: id,
            userId: principalOf(c).userId,
            decision: decision === 'save' ? 'saved' : 'skipped',
            now,
          }),
        )
        return c.json(await presentOne(workspaceId, id, now), 200)
      },
    )
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/topics',
      tags: ['curate'],
      summary: 'The words and phrases suggestions are ranked against, with their weights',
      request: { params: WorkspaceParams },
      responses: { 200: jsonResponse(TopicsSchema, 'Topics'), ...problems },
    }),
    async (c) => c.json({ topics: await listTopics(db, membershipOf(c).workspaceId) }, 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'sources.manage' },
    createRoute({
      method: 'put',
      path: '/api/v1/workspaces/{ws}/topics',
      tags: ['curate'],
      summary:
        'Set the topics (replacing them all): words or phrases, each with a weight from −10 to 10',
      request: { params: WorkspaceParams, body: jsonBody(TopicsSchema) },
      responses: {
        200: jsonResponse(TopicsSchema, 'The topics as stored'),
        ...problems,
        422: problems[400],
      },
    }),
    async (c) => {
      const topics = await setTopics(db, {
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        topics: c.req.valid('json').topics,
        ip: clientIp(c),
      })
      return c.json({ topics }, 200)
    },
  )
}
