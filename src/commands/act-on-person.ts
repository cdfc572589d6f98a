import { and, eq, sql } from 'drizzle-orm'
import { ConflictError, InvalidInputError, ThrottledError } from '../core/errors.ts'
import { listOrder } from '../core/people/list-order.ts'
import { decidePace } from '../core/people/pace.ts'
import { nameNetwork } from '../networks/name-network.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { NetworkError, type ProfileContext } from '../networks/types.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Database } from '../store/connect.ts'
import { accountPerson } from '../store/queries/account-person.ts'
import { paceFacts } from '../store/queries/pace-facts.ts'
import { workspaceAccount } from '../store/queries/workspace-account.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accountPeople, peopleActions } from '../store/schema/index.ts'
import { markAccountNeedsAttention } from './mark-account-needs-attention.ts'
import { openAccountSession } from './open-account-session.ts'

export type PersonAct = {
  workspaceId: string
  accountId: string
  /** The network's id of the one profile. One person per request: there is no list form. */
  profileId: string
  /** The person asking. Sous never follows or unfollows without one. */
  userId: string
  ip?: string | null
  now?: Date
}

type AccountRow = Awaited<ReturnType<typeof workspaceAccount>>
type ActionRow = typeof peopleActions.$inferSelect

/**
 * Follows or unfollows one profile for one account, because one person asked. The request
 * is written with who asked before the network is called (and counted for the pace, which
 * it must pass), the network call runs outside any transaction, and the outcome is stored
 * with its audit entry in one transaction. A profile the network no longer shows is refused
 * and leaves the lists. Shared by follow-person and unfollow-person.
 */
export async function actOnPerson(
  database: Database,
  deps: { networks: NetworkRegistry; secret: Buffer },
  action: 'follow' | 'unfollow',
  input: PersonAct,
): Promise<{ person: typeof accountPeople.$inferSelect }> {
  const { db } = database
  const now = input.now ?? new Date()
  const account = await workspaceAccount(db, input.workspaceId, input.accountId)
  if (account.state !== 'ok') {
    throw new ConflictError(
      `@${account.handle} needs attention (${account.stateReason ?? 'reconnect it'}); reconnect it before following or unfollowing anyone.`,
    )
  }
  const known = await accountPerson(db, account.id, input.profileId)
  const who = known ? `@${known.handle}` : input.profileId
  if (action === 'follow' && known?.weFollow) {
    throw new ConflictError(`@${account.handle} already follows ${who}.`)
  }
  if (action === 'unfollow' && !known?.weFollow) {
    throw new ConflictError(`@${account.handle} does not follow ${who}.`)
  }
  const claimed = await claimAct(database, account, action, input, now)
  const adapter = deps.networks.adapterFor(account.network)
  let profile: ProfileContext | undefined
  try {
    await nameNetwork(adapter.displayName, async () => {
      const session = openAccountSession(db, deps.secret, account)
      ;[profile] = await adapter.readProfiles(session, [input.profileId])
      if (!profile) return
      if (action === 'follow') await adapter.follow(session, input.profileId)
      else await adapter.unfollow(session, input.profileId)
    })
  } catch (error) {
    await failAct(database, claimed, account, error)
    throw error
  }
  if (!profile) {
    await markGone(database, claimed, account, now)
    throw new InvalidInputError(
      `${who} no longer exists on ${adapter.displayName} (deleted or suspended); nothing was sent.`,
      { profileId: 'not found on the network' },
    )
  }
  const person = await recordAct(database, claimed, account, profile, action, input, now)
  return { person }
}

async function claimAct(
  database: Database,
  account: AccountRow,
  action: 'follow' | 'unfollow',
  input: PersonAct,
  now: Date,
): Promise<ActionRow> {
  return database.db.transaction(async (tx) => {
    // Serialises one person's acts and one account's acts: the pace is checked and the
    // request written under both locks, so two quick requests cannot both pass.
    await tx.execute(sql`select 1 from users where id = ${input.userId} for update`)
    await tx.execute(sql`select 1 from accounts where id = ${account.id} for update`)
    const pace = decidePace(
      await paceFacts(tx, { userId: input.userId, accountId: account.id, now }),
    )
    if (!pace.allowed) throw new ThrottledError(pace.reason, Math.ceil(pace.retryAfterMs / 1000))
    const [row] = await tx
      .insert(peopleActions)
      .values({
        accountId: account.id,
        profileId: input.profileId,
        action,
        requestedBy: input.userId,
        createdAt: now,
      })
      .returning()
    if (!row) throw new Error('people action not stored')
    return row
  })
}

async function failAct(
  database: Database,
  claimed: ActionRow,
  account: AccountRow,
  error: unknown,
): Promise<void> {
  const expired =
    error instanceof CredentialsUnreadableError ||
    (error instanceof NetworkError && error.failure.kind === 'auth_expired')
  await database.db.transaction(async (tx) => {
    await tx
      .update(peopleActions)
      .set({
        state: 'failed',
        error: error instanceof Error ? error.message : String(error),
        finishedAt: new Date(),
      })
      .where(eq(peopleActions.id, claimed.id))
    if (expired) {
      await markAccountNeedsAttention(tx, {
        accountId: account.id,
        reason: error instanceof Error ? error.message : 'Credentials refused',
      })
    }
  })
}

async function markGone(database: Database, claimed: ActionRow, account: AccountRow, now: Date) {
  await database.db.transaction(async (tx) => {
    await tx
      .update(peopleActions)
      .set({ state: 'failed', error: 'profile not found on the network', finishedAt: now })
      .where(eq(peopleActions.id, claimed.id))
    await tx
      .update(accountPeople)
      .set({ goneAt: now, updatedAt: now })
      .where(
        and(
          eq(accountPeople.accountId, account.id),
          eq(accountPeople.profileId, claimed.profileId),
        ),
      )
  })
}

async function recordAct(
  database: Database,
  claimed: ActionRow,
  account: AccountRow,
  profile: ProfileContext,
  action: 'follow' | 'unfollow',
  input: PersonAct,
  now: Date,
) {
  const following = action === 'follow'
  const context = {
    handle: profile.handle,
    displayName: profile.displayName,
    bio: profile.bio,
    avatarUrl: profile.avatarUrl ?? null,
    url: profile.url ?? null,
    profileCreatedAt: profile.createdAt ? new Date(profile.createdAt) : null,
    postsCount: profile.postsCount ?? null,
    followersCount: profile.followersCount ?? null,
    followingCount: profile.followingCount ?? null,
    lastPostAt: profile.lastPostAt ? new Date(profile.lastPostAt) : null,
    contextAt: now,
    goneAt: null,
    weFollow: following,
    updatedAt: now,
    ...(following ? { followingOrder: listOrder(now, 0) } : {}),
  }
  return database.db.transaction(async (tx) => {
    await tx
      .update(peopleActions)
      .set({ state: 'done', finishedAt: now })
      .where(eq(peopleActions.id, claimed.id))
    const [upserted] = await tx
      .insert(accountPeople)
      .values({ accountId: account.id, profileId: profile.id, ...context })
      .onConflictDoUpdate({
        target: [accountPeople.accountId, accountPeople.profileId],
        set: context,
      })
      .returning()
    let person = upserted
    if (following && person?.followsUs && person.review === 'new') {
      ;[person] = await tx
        .update(accountPeople)
        .set({ review: 'followed_back', decidedBy: input.userId, decidedAt: now })
        .where(
          and(eq(accountPeople.accountId, account.id), eq(accountPeople.profileId, profile.id)),
        )
        .returning()
    }
    if (!person) throw new Error('person not stored')
    await recordAudit(tx, {
      action: following ? 'person.followed' : 'person.unfollowed',
      workspaceId: account.workspaceId,
      actorUserId: input.userId,
      targetType: 'profile',
      targetId: profile.id,
      data: {
        accountId: account.id,
        account: account.handle,
        network: account.network,
        handle: profile.handle,
        followedBack: following && person.followsUs,
      },
      ip: input.ip ?? null,
    })
    return person
  })
}
