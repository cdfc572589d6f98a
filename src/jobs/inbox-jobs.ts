import { and, lte, sql } from 'drizzle-orm'
import { z } from 'zod'
import { announceInboxChange } from '../commands/announce-inbox-change.ts'
import { type PollOptions, pollAccountInbox } from '../commands/poll-account-inbox.ts'
import { DEFAULT_POLL } from '../core/inbox/poll-interval.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { defineJob, type JobDefinition, type JobSpec } from '../queue/define-job.ts'
import { enqueueMany } from '../queue/enqueue.ts'
import type { RecurringJob } from '../queue/schedule-recurring.ts'
import { BACKGROUND_READS } from '../queue/specs/background-limit.ts'
import type { Database } from '../store/connect.ts'
import { inboxItems } from '../store/schema/index.ts'

export const inboxPollSpec = {
  id: 'inbox-poll',
  version: 1,
  payloadSchema: z.object({ accountId: z.uuid() }),
  // A failed poll is not retried by the queue: the poll itself stores when to read again.
  retry: { maxAttempts: 1 },
  limit: BACKGROUND_READS,
} satisfies JobSpec

/** Unique per account and due time: a poll enqueued twice (by a poll and the keeper) runs once. */
export const inboxPollKey = (accountId: string, at: Date) =>
  `inbox-poll:${accountId}:${at.getTime()}`

export const KEEPER_EVERY_MS = 60_000

/**
 * The inbox's jobs: one poll per account that enqueues its own successor at the adaptive
 * interval, and a keeper that starts polling new accounts, restarts a chain a crash broke
 * (a poll overdue by more than two keeper periods) and wakes snoozed items.
 */
export function createInboxJobs(deps: {
  networks: NetworkRegistry
  secret: Buffer
  poll?: PollOptions
}): { definitions: JobDefinition[]; recurring: RecurringJob[] } {
  const poll = defineJob({
    ...inboxPollSpec,
    handler: async ({ accountId }, ctx) => {
      const next = (at: Date) =>
        enqueueMany(ctx.database, inboxPollSpec, [
          { payload: { accountId }, runAt: at, uniqueKey: inboxPollKey(accountId, at) },
        ])
      let outcome: Awaited<ReturnType<typeof pollAccountInbox>>
      try {
        outcome = await pollAccountInbox(ctx.database, deps, accountId, deps.poll)
      } catch (error) {
        // An unexpected failure must not end the account's polling: try again when quiet.
        await next(new Date(Date.now() + (deps.poll?.policy ?? DEFAULT_POLL).quietMs))
        throw error
      }
      if (outcome.nextPollAt) await next(outcome.nextPollAt)
      ctx.logger.debug({ accountId, ...outcome }, 'inbox polled')
    },
  })
  const keeper = defineJob({
    id: 'inbox-keeper',
    version: 1,
    payloadSchema: z.object({}),
    handler: async (_payload, ctx) => {
      const now = new Date()
      await startStalledPolls(ctx.database, now)
      await wakeSnoozed(ctx.database, now)
    },
  })
  return {
    definitions: [poll, keeper],
    recurring: [{ definition: keeper, payload: {}, everyMs: KEEPER_EVERY_MS }],
  }
}

export async function startStalledPolls(database: Database, now: Date): Promise<number> {
  const stalled = await database.db.execute<{ id: string }>(sql`
    select a.id from accounts a left join inbox_sync s on s.account_id = a.id
    where a.disconnected_at is null and a.state = 'ok'
      and (s.account_id is null or s.next_poll_at < ${new Date(now.getTime() - 2 * KEEPER_EVERY_MS).toISOString()}::timestamptz)`)
  const period = Math.floor(now.getTime() / KEEPER_EVERY_MS) * KEEPER_EVERY_MS
  const ids = await enqueueMany(
    database,
    inboxPollSpec,
    stalled.rows.map((r) => ({
      payload: { accountId: r.id },
      uniqueKey: inboxPollKey(r.id, new Date(period)),
    })),
  )
  return ids.length
}

/** Snoozed items whose time has come are open again, and open pages are told. */
export async function wakeSnoozed(database: Database, now: Date): Promise<void> {
  const woken = await database.db
    .update(inboxItems)
    .set({ status: 'open', snoozeUntil: null, updatedAt: now })
    .where(and(sql`${inboxItems.status} = 'snoozed'`, lte(inboxItems.snoozeUntil, now)))
    .returning({ id: inboxItems.id, workspaceId: inboxItems.workspaceId })
  const byWorkspace = new Map<string, string[]>()
  for (const row of woken)
    byWorkspace.set(row.workspaceId, [...(byWorkspace.get(row.workspaceId) ?? []), row.id])
  for (const [workspaceId, ids] of byWorkspace)
    await announceInboxChange(database, workspaceId, ids)
}
