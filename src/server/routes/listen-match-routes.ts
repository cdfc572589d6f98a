import { createRoute, z } from '@hono/zod-openapi'
import { sendListenMatchToInbox } from '../../commands/send-listen-match-to-inbox.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'

const MatchParams = WorkspaceParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  matchId: z.uuid().openapi({ param: { name: 'matchId', in: 'path' } }),
})

const SentSchema = z
  .object({
    itemId: z.uuid(),
    created: z.boolean().openapi({ description: 'False when the post was in the inbox already' }),
  })
  .openapi('MatchInInbox')

export function registerListenMatchRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable },
) {
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.triage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/searches/{id}/matches/{matchId}/inbox',
      tags: ['listen'],
      summary:
        'Send one match of a saved search (or crisis watch) to the inbox as a listening item, classified and routed; a post already there is not added again',
      request: { params: MatchParams },
      responses: { 200: jsonResponse(SentSchema, 'In the inbox'), ...problems },
    }),
    async (c) => {
      const { id, matchId } = c.req.valid('param')
      const sent = await sendListenMatchToInbox(ctx.database, {
        workspaceId: membershipOf(c).workspaceId,
        searchId: id,
        matchId,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.json(sent, 200)
    },
  )
}
