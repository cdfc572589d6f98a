import { sql } from 'drizzle-orm'
import { z } from 'zod'
import { startPeopleSync } from '../commands/start-people-sync.ts'
import { type SyncStepOptions, syncPeopleStep } from '../commands/sync-people-step.ts'
import { INCREMENTAL_SYNC_EVERY_MS } from '../core/people/sync-plan.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { defineJob, type JobDefinition, RetryLaterError } from '../queue/define-job.ts'
import { enqueue } from '../queue/enqueue.ts'
import type { RecurringJob } from '../queue/schedule-recurring.ts'
import { syncPeopleKey, syncPeopleSpec } from '../queue/specs/sync-people-spec.ts'
import type { Database } from '../store/connect.ts'
import { PEOPLE_LISTS } from '../store/schema/index.ts'

/**
 * People's jobs: a sync step that enqueues its successor after the pause that keeps it
 * inside the network's limit, and a planner that starts each account's passes (full daily,
 * incremental every 15 minutes), resumes paused ones once the account is fine again, and
 * restarts a chain that lost its job. Reading lists is all they do: following and
 * unfollowing are a person's acts, never a job's.
 */
export function createPeopleJobs(deps: {
  networks: NetworkRegistry
  secret: Buffer
  step?: SyncStepOptions
}): { definitions: JobDefinition[]; recurring: RecurringJob[] } {
  const sync = defineJob({
    ...syncPeopleSpec,
    handler: async (payload, ctx) => {
      const outcome = await syncPeopleStep(ctx.database, deps, payload, deps.step)
      if ('retryAfterMs' in outcome) throw new RetryLaterError(outcome.retryAfterMs)
      if ('done' in outcome) {
        ctx.logger.debug({ ...payload, done: outcome.done }, 'people sync step ended')
        return
      }
      await enqueue(ctx.database, syncPeopleSpec, outcome.next, {
        runAt: new Date(Date.now() + outcome.delayMs),
        uniqueKey: syncPeopleKey(outcome.next),
      })
    },
  })
  const planner = defineJob({
    id: 'plan-people-syncs',
    version: 1,
    payloadSchema: z.object({}),
    retry: { maxAttempts: 3 },
    handler: async (_payload, ctx) => {
      const started = await planPeopleSyncs(ctx.database, new Date())
      if (started) ctx.logger.info({ started }, 'people syncs started or resumed')
    },
  })
  return {
    definitions: [sync, planner],
    recurring: [{ definition: planner, payload: {}, everyMs: INCREMENTAL_SYNC_EVERY_MS }],
  }
}

/** Starts what is due on every connected account that is fine; answers how many moved. */
export async function planPeopleSyncs(database: Database, now: Date): Promise<number> {
  const { rows } = await database.db.execute<{ id: string }>(sql`
    select id from accounts where disconnected_at is null and state = 'ok'`)
  let moved = 0
  for (const { id } of rows) {
    for (const list of PEOPLE_LISTS) {
      const { outcome } = await startPeopleSync(database, {
        accountId: id,
        list,
        now,
        ifDue: true,
      })
      if (outcome === 'started' || outcome === 'resumed') moved++
    }
  }
  return moved
}
