import { createRoute, z } from '@hono/zod-openapi'
import { deliverListenMatchesToInbox } from '../../commands/deliver-listen-matches-to-inbox.ts'
import { NotFoundError } from '../../core/errors.ts'
import { matchUrl } from '../../core/listen/match-origin.ts'
import type { ListenEvent } from '../../networks/listen/source.ts'
import type { ListenMatchRow } from '../../store/queries/list-listen-matches.ts'
import { listSavedSearches } from '../../store/queries/list-saved-searches.ts'
import { readListenMatch } from '../../store/queries/read-listen-match.ts'
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
  const { db } = ctx.database
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
      const { workspaceId } = membershipOf(c)
      const match = await readListenMatch(db, { workspaceId, searchId: id, matchId })
      if (!match) throw new NotFoundError('That match')
      const [search] = await listSavedSearches(db, workspaceId, { only: id })
      // Its search may not feed the inbox, or it is crisis watch's: a person sends it anyway.
      const target = { id, workspaceId, name: search?.name ?? 'Crisis watch', inbox: true }
      const [sent] = await deliverListenMatchesToInbox(
        ctx.database,
        [{ target, event: listenEventOf(match) }],
        { userId: principalOf(c).userId, ip: clientIp(c) },
      )
      if (!sent) throw new Error('the inbox item neither inserted nor found')
      return c.json(sent, 200)
    },
  )
}

/** A stored match as the post it was when matched, with the network it came from. */
function listenEventOf(match: ListenMatchRow): ListenEvent {
  return {
    did: match.did,
    rkey: match.rkey,
    uri: match.uri,
    url: matchUrl(match),
    network: match.network,
    timeUs: match.postedAt.getTime() * 1_000,
    createdAt: match.postedAt.toISOString(),
    post: { text: match.text, lang: match.langs },
  }
}
