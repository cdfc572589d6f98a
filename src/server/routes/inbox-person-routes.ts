import { createRoute, z } from '@hono/zod-openapi'
import { mergeIdentities } from '../../commands/merge-identities.ts'
import { splitIdentity } from '../../commands/split-identity.ts'
import { NotFoundError } from '../../core/errors.ts'
import type { Db } from '../../store/connect.ts'
import { findInboxIdentities, loadInboxPerson } from '../../store/queries/inbox-person.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { PersonSchema, presentIdentity } from '../presenters/inbox.ts'
import { InboxPersonViewSchema, presentPersonView } from '../presenters/inbox-person.ts'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const PersonParams = WorkspaceParams.extend({ personId: z.uuid() })
const IdentityBody = jsonBody(
  z.strictObject({
    identityId: z.uuid().openapi({ description: 'The `id` of one identity (InboxPerson)' }),
  }),
)

async function view(db: Db, workspaceId: string, personId: string) {
  const person = await loadInboxPerson(db, workspaceId, personId)
  if (!person) throw new NotFoundError('That person')
  return presentPersonView(person)
}

/** One person across networks and accounts; merging is a person's decision, never automatic. */
export function registerInboxPersonRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable },
) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox-people',
      tags: ['inbox'],
      summary:
        'Identities of people who wrote to the workspace: those whose handle or name contains `q`, and those of the people listed in `people` (comma-separated person ids), by handle, at most 20',
      request: {
        params: WorkspaceParams,
        query: z.object({
          q: z.string().trim().max(100).optional(),
          people: z
            .string()
            .max(200 * 37)
            .regex(new RegExp(`^${UUID}(,${UUID})*$`, 'i'), 'person ids separated by commas')
            .optional(),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(PersonSchema) }), 'The identities'),
        ...problems,
      },
    }),
    async (c) => {
      const { q, people } = c.req.valid('query')
      const identities = await findInboxIdentities(db, membershipOf(c).workspaceId, {
        search: q || undefined,
        personIds: people?.split(','),
        limit: 20 + (people?.split(',').length ?? 0),
      })
      return c.json({ items: identities.map(presentIdentity) }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox-people/{personId}',
      tags: ['inbox'],
      summary:
        'A person who wrote to the workspace: every identity merged into them (each network and account) and their latest messages',
      request: { params: PersonParams },
      responses: { 200: jsonResponse(InboxPersonViewSchema, 'The person'), ...problems },
    }),
    async (c) =>
      c.json(await view(db, membershipOf(c).workspaceId, c.req.valid('param').personId), 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.triage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/inbox-people/{personId}/merge',
      tags: ['inbox'],
      summary:
        'Merge an identity into this person (with every identity already merged with it): their histories show as one, and rules that named the other person name this one. Audited; undone with unmerge',
      request: { params: PersonParams, body: IdentityBody },
      responses: {
        200: jsonResponse(InboxPersonViewSchema, 'The person as it is now'),
        409: problems[400],
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const { personId } = c.req.valid('param')
      await mergeIdentities(db, {
        workspaceId,
        userId: principalOf(c).userId,
        personId,
        identityId: c.req.valid('json').identityId,
        ip: clientIp(c),
      })
      return c.json(await view(db, workspaceId, personId), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.triage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/inbox-people/{personId}/unmerge',
      tags: ['inbox'],
      summary:
        'Take one identity out of this person again: it becomes a person of its own (a new personId), with its messages. Audited',
      request: { params: PersonParams, body: IdentityBody },
      responses: {
        200: jsonResponse(
          z.object({ person: InboxPersonViewSchema, separated: InboxPersonViewSchema }),
          'This person without the identity, and the identity as a person of its own',
        ),
        409: problems[400],
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const { personId } = c.req.valid('param')
      const { split } = await splitIdentity(db, {
        workspaceId,
        userId: principalOf(c).userId,
        personId,
        identityId: c.req.valid('json').identityId,
        ip: clientIp(c),
      })
      const [person, separated] = await Promise.all([
        view(db, workspaceId, personId),
        view(db, workspaceId, split.personId),
      ])
      return c.json({ person, separated }, 200)
    },
  )
}
