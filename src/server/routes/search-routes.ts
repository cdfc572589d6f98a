import { createRoute, z } from '@hono/zod-openapi'
import { changeSavedSearch } from '../../commands/change-saved-search.ts'
import { createSavedSearch } from '../../commands/create-saved-search.ts'
import { deleteSavedSearch } from '../../commands/delete-saved-search.ts'
import { InvalidInputError, NotFoundError } from '../../core/errors.ts'
import { fillMinutes, minuteOf } from '../../core/listen/minute-buckets.ts'
import { blueskySourceName } from '../../core/listen/source-names.ts'
import { listListenMatches } from '../../store/queries/list-listen-matches.ts'
import { listSavedSearches } from '../../store/queries/list-saved-searches.ts'
import { readListenVolume } from '../../store/queries/read-listen-volume.ts'
import { readListeningStatus } from '../../store/queries/read-listening-status.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { listenCursorOf, readListenCursor } from '../presenters/listen-cursor.ts'
import { pageSchema, presentPage } from '../presenters/page.ts'
import {
  ListeningStatusSchema,
  ListenMatchSchema,
  presentListeningStatus,
  presentListenMatch,
  presentSavedSearch,
  presentSavedSearchWithVolume,
  SavedSearchSchema,
  SavedSearchWithVolumeSchema,
  SpikeSettingsSchema,
} from '../presenters/saved-searches.ts'

const SearchParams = WorkspaceParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
})
const MATCHES_PAGE = 50
const MAX_VOLUME_MINUTES = 7 * 24 * 60

const SavedWithWarning = z.object({
  search: SavedSearchSchema,
  warning: z.string().nullable().openapi({ description: 'Set when the search is broad' }),
})

export function registerSearchRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/searches',
      tags: ['listen'],
      summary:
        'Save a search: a query (words, "phrases", bak*, #tags, @mentions, from:, lang:, AND/OR/NOT, NEAR/n) run against every post listening sees; a query that does not parse is refused with the position of the problem',
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            name: z.string().trim().min(1).max(200),
            query: z.string().min(1).max(100_000),
            alert: SpikeSettingsSchema.nullable().optional(),
            inbox: z.boolean().optional(),
            feeds: z.boolean().optional().openapi({
              description: 'Also match new items of the workspace’s feeds (off by default)',
            }),
          }),
        ),
      },
      responses: { 201: jsonResponse(SavedWithWarning, 'Saved'), ...problems },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const { search, warning } = await createSavedSearch(db, {
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        ...body,
        ip: clientIp(c),
      })
      return c.json({ search: presentSavedSearch(search), warning }, 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/searches',
      tags: ['listen'],
      summary:
        'The saved searches with their matches this minute and in the last hour, and how listening stands (its lag behind the source)',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonResponse(
          pageSchema(SavedSearchWithVolumeSchema).extend({
            listening: ListeningStatusSchema.openapi({
              description: 'Bluesky: Jetstream, or the verified firehose when one is set',
            }),
            sources: z.array(ListeningStatusSchema).openapi({
              description:
                'The sources that read for this workspace: Bluesky, the Mastodon instances it has accounts on, its feeds while a search reads them',
            }),
          }),
          'The saved searches',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const bluesky = blueskySourceName(ctx.config)
      const [searches, status] = await Promise.all([
        listSavedSearches(db, workspaceId),
        readListeningStatus(db, { workspaceId, blueskySource: bluesky }),
      ])
      const thisMinute = minuteOf(Date.now())
      const hourAgo = new Date(thisMinute.getTime() - 59 * 60_000)
      const volume = await readListenVolume(
        db,
        searches.map((s) => s.id),
        hourAgo,
        new Date(thisMinute.getTime() + 60_000),
      )
      const items = searches.map((s) =>
        presentSavedSearchWithVolume(s, volume.get(s.id) ?? new Map(), thisMinute.getTime()),
      )
      const off = (s: ReturnType<typeof presentListeningStatus>) =>
        ctx.config.listen ? s : { ...s, state: 'off' as const, detail: 'SOUS_LISTEN=0' }
      const listening = off(
        presentListeningStatus(
          status.find((row) => row.source === bluesky),
          bluesky,
        ),
      )
      const sources = status.map((row) => off(presentListeningStatus(row, row.source)))
      return c.json({ items, next: null, listening, sources }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.manage' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}/searches/{id}',
      tags: ['listen'],
      summary:
        'Rename a saved search, change its query, its alert, whether it feeds the inbox or reads the workspace’s feeds',
      request: {
        params: SearchParams,
        body: jsonBody(
          z.strictObject({
            name: z.string().trim().min(1).max(200).optional(),
            query: z.string().min(1).max(100_000).optional(),
            alert: SpikeSettingsSchema.nullable().optional(),
            inbox: z.boolean().optional(),
            feeds: z.boolean().optional().openapi({
              description: 'Also match new items of the workspace’s feeds (off by default)',
            }),
          }),
        ),
      },
      responses: { 200: jsonResponse(SavedWithWarning, 'Changed'), ...problems },
    }),
    async (c) => {
      const { search, warning } = await changeSavedSearch(db, {
        workspaceId: membershipOf(c).workspaceId,
        searchId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ...c.req.valid('json'),
        ip: clientIp(c),
      })
      return c.json({ search: presentSavedSearch(search), warning }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.manage' },
    createRoute({
      method: 'delete',
      path: '/api/v1/workspaces/{ws}/searches/{id}',
      tags: ['listen'],
      summary: 'Delete a saved search with its matches and volume (its alerts stay)',
      request: { params: SearchParams },
      responses: { 204: { description: 'Deleted' }, ...problems },
    }),
    async (c) => {
      await deleteSavedSearch(db, {
        workspaceId: membershipOf(c).workspaceId,
        searchId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/searches/{id}/matches',
      tags: ['listen'],
      summary:
        'Posts a saved search (or the crisis watch, by its id) matched, newest first; a post sent again by the source is stored once',
      request: {
        params: SearchParams,
        query: z.object({ before: z.string().max(300).optional() }),
      },
      responses: { 200: jsonResponse(pageSchema(ListenMatchSchema), 'Matches'), ...problems },
    }),
    async (c) => {
      const before = readListenCursor(c.req.valid('query').before)
      const rows = await listListenMatches(db, {
        workspaceId: membershipOf(c).workspaceId,
        searchId: c.req.valid('param').id,
        before: before && { matchedAt: before.at, id: before.id },
        limit: MATCHES_PAGE,
      })
      const items = rows.map(presentListenMatch)
      return c.json(
        presentPage(items, MATCHES_PAGE, (m) => listenCursorOf(m.matchedAt, m.id)),
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/searches/{id}/volume',
      tags: ['listen'],
      summary:
        'Matches per minute in [from, to) (default: the last hour), zeros included, from when the search was saved',
      request: {
        params: SearchParams,
        query: z.object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(z.object({ minute: z.iso.datetime(), count: z.number().int() })),
            total: z.number().int(),
          }),
          'Per-minute counts',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const { id } = c.req.valid('param')
      const query = c.req.valid('query')
      const to = query.to ? new Date(query.to) : new Date(Date.now() + 60_000)
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 61 * 60_000)
      if (to <= from || to.getTime() - from.getTime() > MAX_VOLUME_MINUTES * 60_000) {
        throw new InvalidInputError('from must be before to, and at most 7 days before it', {
          from: 'at most 7 days before `to`',
        })
      }
      const [search] = await listSavedSearches(db, workspaceId, { only: id })
      if (!search) throw new NotFoundError('That saved search')
      const volume = await readListenVolume(db, [id], from, to)
      const items = fillMinutes(volume.get(id) ?? new Map(), from, to, search.createdAt).map(
        (m) => ({ minute: m.minute.toISOString(), count: m.count }),
      )
      return c.json({ items, total: items.reduce((sum, m) => sum + m.count, 0) }, 200)
    },
  )
}
