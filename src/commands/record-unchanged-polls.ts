import { sql } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'

/**
 * Polls that found their feed unchanged (304, or no new address), written in one
 * statement: most polls are these, and a transaction each cost the embedded database's one
 * connection ~10 ms a source (bench/feeds.ts). Each source's next poll comes with it.
 */
export async function recordUnchangedPolls(
  db: Db,
  input: { polls: ReadonlyArray<{ sourceId: string; nextPollAt: Date }>; now: Date },
): Promise<void> {
  if (input.polls.length === 0) return
  await db.execute(sql`
    update feed_sources s
    set last_polled_at = ${input.now.toISOString()}::timestamptz,
        last_success_at = ${input.now.toISOString()}::timestamptz,
        failures = 0, failing_since = null, failing = false,
        next_poll_at = t.next_poll_at, polling_until = null
    from unnest(${sql.param(input.polls.map((p) => p.sourceId))}::uuid[],
                ${sql.param(input.polls.map((p) => p.nextPollAt.toISOString()))}::timestamptz[])
      as t(id, next_poll_at)
    where s.id = t.id`)
}
