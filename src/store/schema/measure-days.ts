import { bigint, date, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core'

// measure_units and measure_posts summed by UTC day and key, so a report's whole days read a
// few rows each instead of every unit (bench/measure.ts). Kept by statement triggers on those
// tables (migration 0026): each write adds its new rows and takes away its old ones, so a day
// is exact once its writer commits. No foreign keys: the triggers follow the cascades, and a
// key whose units all left stays with n = 0, which the report skips.

/** The sums of the counts and of the metrics' squares (group-results.ts' METRICS). */
const summed = () => ({
  /** Units, and of them the posts (a post counts on the day of its first variant). */
  n: integer().notNull(),
  posts: integer().notNull(),
  replies: bigint({ mode: 'number' }).notNull(),
  reposts: bigint({ mode: 'number' }).notNull(),
  quotes: bigint({ mode: 'number' }).notNull(),
  likes: bigint({ mode: 'number' }).notNull(),
  people: bigint({ mode: 'number' }).notNull(),
  conversations: bigint({ mode: 'number' }).notNull(),
  clicks: bigint({ mode: 'number' }).notNull(),
  visitors: bigint({ mode: 'number' }).notNull(),
  botClicks: bigint({ mode: 'number' }).notNull(),
  answered: bigint({ mode: 'number' }).notNull(),
  conversationsSquares: bigint({ mode: 'number' }).notNull(),
  peopleSquares: bigint({ mode: 'number' }).notNull(),
  repliesSquares: bigint({ mode: 'number' }).notNull(),
  quotesSquares: bigint({ mode: 'number' }).notNull(),
  repostsSquares: bigint({ mode: 'number' }).notNull(),
  likesSquares: bigint({ mode: 'number' }).notNull(),
  clicksSquares: bigint({ mode: 'number' }).notNull(),
  visitorsSquares: bigint({ mode: 'number' }).notNull(),
})

/** measure_units by day, account, network and campaign: the report by account or network. */
export const measureUnitDays = pgTable(
  'measure_unit_days',
  {
    workspaceId: uuid().notNull(),
    publishedDay: date({ mode: 'string' }).notNull(),
    accountId: uuid().notNull(),
    network: text().notNull(),
    campaignId: uuid(),
    ...summed(),
  },
  (t) => [
    unique('measure_unit_days_key')
      .on(t.workspaceId, t.publishedDay, t.accountId, t.network, t.campaignId)
      .nullsNotDistinct(),
  ],
)

/** measure_posts by day, topics, approach and campaign: the report by a label. */
export const measurePostDays = pgTable(
  'measure_post_days',
  {
    workspaceId: uuid().notNull(),
    publishedDay: date({ mode: 'string' }).notNull(),
    topics: text().array().notNull(),
    approach: text(),
    campaignId: uuid(),
    ...summed(),
  },
  (t) => [
    unique('measure_post_days_key')
      .on(t.workspaceId, t.publishedDay, t.topics, t.approach, t.campaignId)
      .nullsNotDistinct(),
  ],
)
