import { and, desc, eq, isNull, lt, not, or, type SQL, sql } from 'drizzle-orm'
import { silentBefore } from '../../core/people/activity.ts'
import type { Executor } from '../executor.ts'
import { accountPeople } from '../schema/index.ts'

export type PersonRow = typeof accountPeople.$inferSelect

export const FOLLOWING_FILTERS = ['inactive', 'no-interaction', 'not-following-back'] as const
export type FollowingFilter = (typeof FOLLOWING_FILTERS)[number]

type Page = { before?: { order: number; profileId: string }; limit: number }

/** Someone who wrote to the workspace from this identity, or from one merged into the same person. */
function talkedWith(workspaceId: string, network: string): SQL {
  return sql`exists (
    select 1 from people me
    join people same on same.workspace_id = me.workspace_id and same.person_id = me.person_id
    join inbox_items item on item.author_id = same.id
    where me.workspace_id = ${workspaceId} and me.network = ${network}
      and me.network_id = ${accountPeople.profileId})`
}

/**
 * One page of an account's followers, newest first: `new` are those waiting for a person's
 * decision; `all` everyone following now. Profiles the network no longer shows are left out.
 */
export async function followerPage(
  executor: Executor,
  input: { accountId: string; status: 'new' | 'all' } & Page,
): Promise<PersonRow[]> {
  const { before } = input
  return executor
    .select()
    .from(accountPeople)
    .where(
      and(
        eq(accountPeople.accountId, input.accountId),
        eq(accountPeople.followsUs, true),
        isNull(accountPeople.goneAt),
        input.status === 'new' ? eq(accountPeople.review, 'new') : undefined,
        before
          ? sql`(${accountPeople.followerOrder}, ${accountPeople.profileId}) < (${before.order}, ${before.profileId})`
          : undefined,
      ),
    )
    .orderBy(desc(accountPeople.followerOrder), desc(accountPeople.profileId))
    .limit(input.limit)
}

/**
 * One page of whom the account follows, newest first, optionally filtered: `inactive` (no
 * post for 90 days, or never), `no-interaction` (never wrote to the workspace, on any network
 * the person is known by in the inbox), `not-following-back`.
 */
export async function followingPage(
  executor: Executor,
  input: {
    accountId: string
    workspaceId: string
    network: string
    filter?: FollowingFilter
    now: Date
  } & Page,
): Promise<PersonRow[]> {
  const { before } = input
  const filters: Record<FollowingFilter, SQL | undefined> = {
    inactive: or(
      lt(accountPeople.lastPostAt, silentBefore(input.now)),
      and(isNull(accountPeople.lastPostAt), eq(accountPeople.postsCount, 0)),
    ),
    'no-interaction': not(talkedWith(input.workspaceId, input.network)),
    'not-following-back': eq(accountPeople.followsUs, false),
  }
  return executor
    .select()
    .from(accountPeople)
    .where(
      and(
        eq(accountPeople.accountId, input.accountId),
        eq(accountPeople.weFollow, true),
        input.filter ? filters[input.filter] : undefined,
        before
          ? sql`(${accountPeople.followingOrder}, ${accountPeople.profileId}) < (${before.order}, ${before.profileId})`
          : undefined,
      ),
    )
    .orderBy(desc(accountPeople.followingOrder), desc(accountPeople.profileId))
    .limit(input.limit)
}
