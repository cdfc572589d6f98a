import { createRoute, z } from '@hono/zod-openapi'
import { addSource } from '../../commands/add-source.ts'
import { changeSource } from '../../commands/change-source.ts'
import { importSources } from '../../commands/import-sources.ts'
import { removeSource } from '../../commands/remove-source.ts'
import { InvalidInputError, NotFoundError } from '../../core/errors.ts'
import { createConfiguredFeedReader } from '../../networks/feeds/create-feed-reader.ts'
import { findWorkspace } from '../../store/queries/find-workspace.ts'
import {
  countSources,
  listSources,
  listSourcesForExport,
  SOURCE_STATUSES,
} from '../../store/queries/list-sources.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { presentOpml } from '../presenters/opml.ts'
import { pageSchema } from '../presenters/page.ts'
import {
  decodeSourceCursor,
  encodeSourceCursor,
  presentSource,
  SourceCountsSchema,
  SourceSchema,
} from '../presenters/sources.ts'

const SourceParams = WorkspaceParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
})
const unprocessable = { ...problems[400], description: 'Not a feed, not reachable, or refused' }
const Weight = z.number().min(0.1).max(10).openapi({
  description: 'Multiplies its suggestions’ scores; 1 (the default) is neutral',
})
/** An OPML file may be sent as it is, with one of these types, instead of inside JSON. */
const OPML_TYPES = ['text/x-opml', 'application/xml', 'text/xml'] as const
const OpmlJson = z.strictObject({
  opml: z.string().min(1).openapi({ description: 'The OPML file’s text' }),
})

export function registerSourceRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database
  const feeds = createConfiguredFeedReader(ctx.config)

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'sources.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/sources',
      tags: ['curate'],
      summary:
        'Follow a feed (RSS, Atom, RDF, JSON Feed) by its address, or by a page that names one with <link rel="alternate">; it is read at once',
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            url: z.url({ protocol: /^https?$/ }).max(2000),
            weight: Weight.optional(),
            category: z.string().trim().max(300).optional(),
          }),
        ),
      },
      responses: {
        201: jsonResponse(
          SourceSchema.extend({
            items: z.number().int().openapi({ description: 'Items read from it now' }),
          }),
          'Followed',
        ),
        ...problems,
        409: { ...problems[400], description: 'Already followed' },
        422: unprocessable,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const { workspaceId } = membershipOf(c)
      const { source, items } = await addSource(db, feeds, {
        workspaceId,
        userId: principalOf(c).userId,
        url: body.url,
        weight: body.weight,
        category: body.category ?? null,
        ip: clientIp(c),
      })
      const [row] = await listSources(db, workspaceId, { only: source.id, limit: 1 })
      if (!row) throw new NotFoundError('That source')
      return c.json({ ...presentSource(row), items }, 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'sources.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/sources/import',
      tags: ['curate'],
      summary:
        'Follow every feed of an OPML file (folders become categories); they are polled right after, and each one’s health shows how that went. Send the file as it is (`Content-Type: text/x-opml` or `application/xml`) or as JSON `{opml}`',
      request: {
        params: WorkspaceParams,
        body: {
          // Not `required`: the JSON validator would then refuse the raw XML bodies.
          content: {
            'application/json': { schema: OpmlJson },
            ...Object.fromEntries(OPML_TYPES.map((type) => [type, { schema: z.string() }])),
          },
        },
      },
      responses: {
        201: jsonResponse(
          z.object({
            imported: z.number().int(),
            alreadyFollowed: z.number().int(),
            skipped: z.array(z.object({ text: z.string(), reason: z.string() })).openapi({
              description:
                'Outlines not followed, and why (includes of other files, bad addresses)',
            }),
          }),
          'Imported',
        ),
        ...problems,
        422: {
          ...problems[400],
          description: 'Not OPML, or more feeds than the workspace has room for',
        },
      },
    }),
    async (c) => {
      const json = /json/i.test(c.req.header('content-type') ?? '')
      const opml = json ? (c.req.valid('json') as { opml?: string }).opml : await c.req.text()
      if (!opml?.trim())
        throw new InvalidInputError(
          'Send the OPML file as the body (Content-Type: text/x-opml) or as JSON {"opml": "…"}',
          { opml: 'missing' },
        )
      // JSON bodies are checked for this at the edge; a raw file is checked here.
      if (opml.includes('\u0000'))
        throw new InvalidInputError('The file contains a NUL character: it is not OPML', {
          opml: 'contains a NUL character',
        })
      const result = await importSources(ctx.database, feeds, {
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        opml,
        ip: clientIp(c),
      })
      return c.json(result, 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/sources/export',
      tags: ['curate'],
      summary: 'The sources as an OPML 2.0 file, categories as folders',
      request: { params: WorkspaceParams },
      responses: {
        200: {
          description: 'OPML',
          content: { 'text/x-opml': { schema: z.string() } },
        },
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const workspace = await findWorkspace(db, workspaceId)
      const rows = await listSourcesForExport(db, workspaceId)
      return c.body(await presentOpml(rows, workspace?.name ?? 'Sous', new Date()), 200, {
        'content-type': 'text/x-opml; charset=utf-8',
        'content-disposition': 'attachment; filename="sous-sources.opml"',
      })
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/sources',
      tags: ['curate'],
      summary:
        "The workspace's sources by title, with their health: last success, last error and why, next poll. `q` finds them by title, address or folder, `status` keeps one health status; `counts` are the workspace's totals. Page with `before` = the previous page's `next`",
      request: {
        params: WorkspaceParams,
        query: z.object({
          q: z
            .string()
            .trim()
            .max(200)
            .optional()
            .openapi({ description: 'Part of the title, address or folder, any case' }),
          status: z.enum(SOURCE_STATUSES).optional(),
          before: z.string().max(1000).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: jsonResponse(
          pageSchema(SourceSchema).extend({ counts: SourceCountsSchema }),
          'Sources',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const { q, status, before, limit } = c.req.valid('query')
      const after = before ? decodeSourceCursor(before) : undefined
      if (before && !after)
        throw new InvalidInputError('`before` is not a cursor this list gave', {
          before: 'unknown cursor',
        })
      const { workspaceId } = membershipOf(c)
      const [rows, counts] = await Promise.all([
        listSources(db, workspaceId, { after, search: q || undefined, status, limit }),
        countSources(db, workspaceId),
      ])
      const now = new Date()
      const last = rows.at(-1)
      return c.json(
        {
          items: rows.map((row) => presentSource(row, now)),
          next:
            rows.length === limit && last
              ? encodeSourceCursor({ title: last.sortTitle, id: last.id })
              : null,
          counts,
        },
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'sources.manage' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}/sources/{id}',
      tags: ['curate'],
      summary:
        'Change how much a source counts (`weight`) or its folder (`category`, null for none); its items and polling stay',
      request: {
        params: SourceParams,
        body: jsonBody(
          z.strictObject({
            weight: Weight.optional(),
            category: z.string().trim().max(300).nullable().optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(SourceSchema, 'Changed'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      await changeSource(db, {
        workspaceId,
        sourceId: id,
        userId: principalOf(c).userId,
        weight: body.weight,
        category: body.category,
        ip: clientIp(c),
      })
      const [row] = await listSources(db, workspaceId, { only: id, limit: 1 })
      if (!row) throw new NotFoundError('That source')
      return c.json(presentSource(row), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'sources.manage' },
    createRoute({
      method: 'delete',
      path: '/api/v1/workspaces/{ws}/sources/{id}',
      tags: ['curate'],
      summary:
        'Stop following a source; its undecided suggestions go, those people shared, saved or skipped stay',
      request: { params: SourceParams },
      responses: { 204: { description: 'No longer followed' }, ...problems },
    }),
    async (c) => {
      await removeSource(db, {
        workspaceId: membershipOf(c).workspaceId,
        sourceId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )
}
