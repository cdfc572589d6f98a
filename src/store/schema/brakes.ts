import { sql } from 'drizzle-orm'
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { BRAKE_SCOPES } from '../../core/brake/brake-applies.ts'
import { accounts } from './accounts.ts'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

/** Engaged while `releasedAt` is null. Rows stay after release: the history of every stop. */
export const brakes = pgTable(
  'brakes',
  {
    id: uuid().primaryKey().defaultRandom(),
    scope: text({ enum: BRAKE_SCOPES }).notNull(),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid().references(() => accounts.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    /** A person, or null when crisis watch engaged it (then `engagedByLabel` says so). */
    engagedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    engagedByLabel: text(),
    engagedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    releasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('brakes_engaged').on(t.scope).where(sql`${t.releasedAt} is null`)],
)
