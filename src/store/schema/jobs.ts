import { sql } from 'drizzle-orm'
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

export const JOB_STATES = ['pending', 'running', 'done', 'dead'] as const

export const jobs = pgTable(
  'jobs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** The job definition's id, e.g. `sweep-jobs`. */
    name: text().notNull(),
    version: integer().notNull().default(1),
    payload: jsonb().notNull().default({}),
    /** A second enqueue with the same key is a no-op ("collide, don't duplicate"). */
    uniqueKey: text(),
    state: text({ enum: JOB_STATES }).notNull().default('pending'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(10),
    lastError: text(),
    lockedBy: text(),
    /** Lease: a running job whose lease has passed belongs to a dead worker and is claimable. */
    lockedUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_unique_key').on(t.uniqueKey),
    index('jobs_pending_run_at').on(t.runAt).where(sql`${t.state} = 'pending'`),
    index('jobs_running_locked_until').on(t.lockedUntil).where(sql`${t.state} = 'running'`),
    index('jobs_finished_at').on(t.finishedAt).where(sql`${t.state} in ('done', 'dead')`),
  ],
)

export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text().primaryKey(),
  role: text().notNull(),
  host: text().notNull(),
  pid: integer().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastBeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
