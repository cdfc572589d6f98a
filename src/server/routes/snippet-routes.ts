import { createRoute, z } from '@hono/zod-openapi'
import { changeSnippet } from '../../commands/change-snippet.ts'
import { createSnippet } from '../../commands/create-snippet.ts'
import { deleteSnippet } from '../../commands/delete-snippet.ts'
import { NotFoundError } from '../../core/errors.ts'
import { listSnippets } from '../../store/queries/list-snippets.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { presentSnippet, SnippetPageSchema, SnippetSchema } from '../presenters/snippets.ts'

const SnippetParams = WorkspaceParams.extend({ snippetId: z.uuid() })
const Name = z.string().trim().min(1).max(100)
const Text = z.string().trim().min(1).max(10_000)

/** Saved replies: read by everyone who reads the inbox, kept by those who publish. */
export function registerSnippetRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  const one = async (workspaceId: string, id: string) => {
    const [row] = await listSnippets(db, workspaceId, { id })
    if (!row) throw new NotFoundError('That snippet')
    return presentSnippet(row)
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/snippets',
      tags: ['inbox'],
      summary:
        'Saved replies by name, each with how many replies started from it. A starting point: the person edits it, and replies that started from one still get the form-letter warning',
      request: { params: WorkspaceParams },
      responses: { 200: jsonResponse(SnippetPageSchema, 'Every snippet'), ...problems },
    }),
    async (c) => {
      const rows = await listSnippets(db, membershipOf(c).workspaceId)
      // A workspace holds at most 500 (create-snippet.ts): one page.
      return c.json({ items: rows.map(presentSnippet), next: null }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'snippets.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/snippets',
      tags: ['inbox'],
      summary: 'Save a reply the team can start from; its name is unique in the workspace (409)',
      request: {
        params: WorkspaceParams,
        body: jsonBody(z.strictObject({ name: Name, text: Text })),
      },
      responses: {
        201: jsonResponse(SnippetSchema, 'Saved'),
        409: problems[400],
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const snippet = await createSnippet(db, {
        workspaceId,
        userId: principalOf(c).userId,
        ...c.req.valid('json'),
        ip: clientIp(c),
      })
      return c.json(await one(workspaceId, snippet.id), 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'snippets.manage' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}/snippets/{snippetId}',
      tags: ['inbox'],
      summary: 'Rename a snippet or change its text; replies already sent keep theirs',
      request: {
        params: SnippetParams,
        body: jsonBody(z.strictObject({ name: Name.optional(), text: Text.optional() })),
      },
      responses: {
        200: jsonResponse(SnippetSchema, 'The snippet as it is now'),
        409: problems[400],
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const { snippetId } = c.req.valid('param')
      await changeSnippet(db, {
        workspaceId,
        userId: principalOf(c).userId,
        snippetId,
        changes: c.req.valid('json'),
        ip: clientIp(c),
      })
      return c.json(await one(workspaceId, snippetId), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'snippets.manage' },
    createRoute({
      method: 'delete',
      path: '/api/v1/workspaces/{ws}/snippets/{snippetId}',
      tags: ['inbox'],
      summary: 'Delete a snippet; replies that started from it stay',
      request: { params: SnippetParams },
      responses: { 204: { description: 'Deleted' }, ...problems },
    }),
    async (c) => {
      await deleteSnippet(db, {
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        snippetId: c.req.valid('param').snippetId,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )
}
