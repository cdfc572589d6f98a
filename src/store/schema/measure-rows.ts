import { sql } from 'drizzle-orm'
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { accounts } from './accounts.ts'
import { campaigns } from './measure.ts'
import { posts, variants } from './posts.ts'
import { workspaces } from './workspaces.ts'

// What Measure aggregates, one row per unit it compares, so a 90-day report of a
// 100,000-post workspace reads one table (bench/measure.ts). Derived, never edited:
// store/refresh-measure-units.ts rewrites a post's rows from their sources in the
// transaction of each writer (a snapshot, the labels, a first answer; the buffered clicks
// add to them). Triggers sum every write into measure-days.ts' tables, which the report
// reads for whole days.

/** What both tables carry: engagement, clicks, answers and labels. */
const measured = () => ({
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** The first segment out (of the post's first variant, for a post). */
  publishedAt: timestamp({ withTimezone: true }).notNull(),
  /** Its UTC day, for the daily totals. */
  publishedDay: date({ mode: 'string' }).notNull(),
  replies: integer().notNull(),
  reposts: integer().notNull(),
  quotes: integer().notNull(),
  likes: integer().notNull(),
  people: integer().notNull(),
  conversations: integer().notNull(),
  deleted: boolean().notNull(),
  /** Of the short links on its network(s): people's clicks (3 a visitor a day at most), visitors, bots. */
  clicks: integer().notNull(),
  visitors: integer().notNull(),
  botClicks: integer().notNull(),
  /** Replies to it the team answered, and each first answer's delay in seconds. */
  answered: integer().notNull(),
  responseSeconds: integer().array().notNull(),
  topics: text().array().notNull(),
  approach: text(),
  campaignId: uuid().references(() => campaigns.id, { onDelete: 'set null' }),
})

/** A published variant (a post on one account): the unit by account and by network. */
export const measureUnits = pgTable(
  'measure_units',
  {
    variantId: uuid()
      .primaryKey()
      .references(() => variants.id, { onDelete: 'cascade' }),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    network: text().notNull(),
    /** The post's first variant out: the one that counts the post on its day. */
    firstOfPost: boolean().notNull(),
    ...measured(),
  },
  (t) => [
    index('measure_units_period').on(t.workspaceId, t.publishedAt),
    // A post's rows: the clicks' writer adds to them, and a deleted post takes them along.
    index('measure_units_post').on(t.postId),
    // The first-answer medians read only what the team answered.
    index('measure_units_answered').on(t.workspaceId, t.publishedAt).where(sql`${t.answered} > 0`),
  ],
)

/** A published post, its variants summed: the unit by topic, approach and campaign. */
export const measurePosts = pgTable(
  'measure_posts',
  {
    postId: uuid()
      .primaryKey()
      .references(() => posts.id, { onDelete: 'cascade' }),
    ...measured(),
  },
  (t) => [
    index('measure_posts_period').on(t.workspaceId, t.publishedAt),
    index('measure_posts_answered').on(t.workspaceId, t.publishedAt).where(sql`${t.answered} > 0`),
  ],
)
