import { createRoute, z } from '@hono/zod-openapi'
import { dismissFollower } from '../../commands/dismiss-follower.ts'
import { followPerson } from '../../commands/follow-person.ts'
import { startPeopleSync } from '../../commands/start-people-sync.ts'
import { unfollowPerson } from '../../commands/unfollow-person.ts'
import { writeFollowerNote } from '../../commands/write-follower-note.ts'
import { InvalidInputError } from '../../core/errors.ts'
import { parseOrderCursor } from '../../core/people/list-order.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import {
  FOLLOWING_FILTERS,
  followerPage,
  followingPage,
  type PersonRow,
} from '../../store/queries/account-people-page.ts'
import { inboxHistory } from '../../store/queries/inbox-history.ts'
import { peopleCounts, peopleSyncRows } from '../../store/queries/people-summary.ts'
import { workspaceAccount } from '../../store/queries/workspace-account.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { presentPage } from '../presenters/page.ts'
import {
  followerCursor,
  followingCursor,
  PeopleSummarySchema,
  PersonCardSchema,
  PersonPageSchema,
  presentPeopleSummary,
  presentPersonCard,
} from '../presenters/people.ts'

const AccountParams = WorkspaceParams.extend({ id: z.uuid() })
const FollowerParams = AccountParams.extend({ profileId: z.string().min(1).max(300) })

const PageQuery = {
  before: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
}

// One person per request: a list, or any other field, is refused by the strict schema.
const OneProfile = z
  .strictObject({
    profileId: z
      .string({ error: 'One person at a time: profileId is one profile id, never a list' })
      .min(1)
      .max(300)
      .openapi({ description: "The network's id of one profile (the card's id)" }),
  })
  .openapi('OneProfile')

const ActResult = z.object({ person: PersonCardSchema })

function cursorFrom(before: string | undefined) {
  if (!before) return undefined
  const cursor = parseOrderCursor(before)
  if (!cursor) {
    throw new InvalidInputError('`before` is not a cursor this list gave', {
      before: 'unknown cursor',
    })
  }
  return cursor
}

export function registerPeopleRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  const { db } = ctx.database
  const { networks, secret } = ctx
  const directMessages = (network: string) =>
    networks.adapterFor(network).capabilities.directMessages

  /** A page of cards: ids from the database, inbox history in one query, then pure rules. */
  async function cards(workspaceId: string, network: string, rows: PersonRow[], now: Date) {
    const history = await inboxHistory(db, {
      workspaceId,
      network,
      profileIds: rows.map((r) => r.profileId),
    })
    const dm = directMessages(network)
    return rows.map((row) =>
      presentPersonCard(row, { history: history.get(row.profileId), directMessages: dm, now }),
    )
  }

  async function cardOf(workspaceId: string, network: string, row: PersonRow) {
    const [card] = await cards(workspaceId, network, [row], new Date())
    if (!card) throw new Error('no card')
    return card
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'people.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/people',
      tags: ['people'],
      summary:
        'Per account: followers, new followers waiting for review, following, not following back, and how each sync stands',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonResponse(z.object({ items: z.array(PeopleSummarySchema) }), 'Per account'),
        ...problems,
      },
    }),
    async (c) => {
      const counts = await peopleCounts(db, { workspaceId: membershipOf(c).workspaceId })
      const syncs = await peopleSyncRows(
        db,
        counts.map((r) => r.accountId),
      )
      return c.json({ items: counts.map((r) => presentPeopleSummary(r, syncs)) }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'people.act' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/people/sync',
      tags: ['people'],
      summary:
        "Read the account's followers and follows now (only reads; a pass already running goes on, a paused one resumes)",
      request: { params: AccountParams },
      responses: { 202: jsonResponse(PeopleSummarySchema, 'Sync started or running'), ...problems },
    }),
    async (c) => {
      const workspaceId = membershipOf(c).workspaceId
      const account = await workspaceAccount(db, workspaceId, c.req.valid('param').id)
      for (const list of ['followers', 'follows'] as const) {
        await startPeopleSync(ctx.database, { accountId: account.id, list })
      }
      const [counts] = await peopleCounts(db, { workspaceId, accountId: account.id })
      if (!counts) throw new Error('no counts')
      return c.json(presentPeopleSummary(counts, await peopleSyncRows(db, [account.id])), 202)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'people.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/followers',
      tags: ['people'],
      summary:
        'Followers newest first, each as a review card (profile, account age, counts, last post, inbox history, whether you follow them, spam signals with reasons); `status=new` is the review queue',
      request: {
        params: AccountParams,
        query: z.object({ status: z.enum(['new', 'all']).default('new'), ...PageQuery }),
      },
      responses: { 200: jsonResponse(PersonPageSchema, 'Cards'), ...problems },
    }),
    async (c) => {
      const workspaceId = membershipOf(c).workspaceId
      const account = await workspaceAccount(db, workspaceId, c.req.valid('param').id)
      const { status, before, limit } = c.req.valid('query')
      const rows = await followerPage(db, {
        accountId: account.id,
        status,
        before: cursorFrom(before),
        limit,
      })
      const items = await cards(workspaceId, account.network, rows, new Date())
      const page = presentPage(rows, limit, followerCursor)
      return c.json({ items, next: page.next }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'people.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/following',
      tags: ['people'],
      summary:
        'Whom the account follows, newest first, as cards; `filter`: inactive (silent 90 days), no-interaction (never in the inbox), not-following-back',
      request: {
        params: AccountParams,
        query: z.object({ filter: z.enum(FOLLOWING_FILTERS).optional(), ...PageQuery }),
      },
      responses: { 200: jsonResponse(PersonPageSchema, 'Cards'), ...problems },
    }),
    async (c) => {
      const workspaceId = membershipOf(c).workspaceId
      const account = await workspaceAccount(db, workspaceId, c.req.valid('param').id)
      const { filter, before, limit } = c.req.valid('query')
      const now = new Date()
      const rows = await followingPage(db, {
        accountId: account.id,
        workspaceId,
        network: account.network,
        filter,
        before: cursorFrom(before),
        limit,
        now,
      })
      const items = await cards(workspaceId, account.network, rows, now)
      const page = presentPage(rows, limit, followingCursor)
      return c.json({ items, next: page.next }, 200)
    },
  )

  for (const action of ['follow', 'unfollow'] as const) {
    addRoute(
      api,
      ctx,
      { kind: 'workspace', permission: 'people.act' },
      createRoute({
        method: 'post',
        path: `/api/v1/workspaces/{ws}/accounts/{id}/${action}`,
        tags: ['people'],
        summary:
          action === 'follow'
            ? 'Follow one person from this account (following back a new follower decides their card). One person per request, at a person’s pace'
            : 'Unfollow one person from this account, after a person confirmed it. One person per request, at a person’s pace',
        request: { params: AccountParams, body: jsonBody(OneProfile) },
        responses: {
          200: jsonResponse(ActResult, action === 'follow' ? 'Followed' : 'Unfollowed'),
          ...problems,
          409: {
            description:
              action === 'follow'
                ? 'Already followed, or the account needs attention'
                : 'Not followed, or the account needs attention',
          },
          422: { description: 'The profile no longer exists on the network, or it refused' },
          429: { description: 'The pace: wait Retry-After seconds (the detail says why)' },
        },
      }),
      async (c) => {
        const workspaceId = membershipOf(c).workspaceId
        const input = {
          workspaceId,
          accountId: c.req.valid('param').id,
          profileId: c.req.valid('json').profileId,
          userId: principalOf(c).userId,
          ip: clientIp(c),
        }
        const act = action === 'follow' ? followPerson : unfollowPerson
        const { person } = await act(ctx.database, { networks, secret }, input)
        const account = await workspaceAccount(db, workspaceId, input.accountId)
        return c.json({ person: await cardOf(workspaceId, account.network, person) }, 200)
      },
    )
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'people.act' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/followers/{profileId}/dismiss',
      tags: ['people'],
      summary:
        'Take one follower out of review without following back; remembered (they do not come back)',
      request: { params: FollowerParams },
      responses: {
        200: jsonResponse(ActResult, 'Dismissed'),
        ...problems,
        409: { description: 'Followed back already' },
      },
    }),
    async (c) => {
      const workspaceId = membershipOf(c).workspaceId
      const { id, profileId } = c.req.valid('param')
      const person = await dismissFollower(db, {
        workspaceId,
        accountId: id,
        profileId,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      const account = await workspaceAccount(db, workspaceId, id)
      return c.json({ person: await cardOf(workspaceId, account.network, person) }, 200)
    },
  )
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'people.act' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/people/{profileId}/note',
      tags: ['people'],
      summary:
        'Send one person a note a person wrote (key n): a post mentioning them, written live, sent now, exactly once. The inbox’s form-letter check applies',
      request: {
        params: FollowerParams,
        body: jsonBody(
          z.strictObject({
            text: z.string().min(1).max(10_000).openapi({ description: 'It must mention them' }),
            acknowledgeFormLetter: z.boolean().optional(),
          }),
        ),
      },
      responses: {
        201: jsonResponse(z.object({ postId: z.uuid() }), 'Sent to the delivery engine'),
        ...problems,
        409: { description: 'Reads like a form letter: make it personal, or acknowledge it' },
        422: { description: 'It does not mention them, or the network’s rules refuse it' },
      },
    }),
    async (c) => {
      const { id, profileId } = c.req.valid('param')
      const result = await writeFollowerNote(ctx.database, secret, networks, {
        ...c.req.valid('json'),
        workspaceId: membershipOf(c).workspaceId,
        accountId: id,
        profileId,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.json(result, 201)
    },
  )
}
