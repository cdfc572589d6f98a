import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { APPROACHES } from '../../core/measure/labels.ts'
import { SNAPSHOT_MARKS } from '../../core/measure/snapshot-marks.ts'
import { accounts } from './accounts.ts'
import { deliveries, posts } from './posts.ts'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

/** Posts grouped toward one goal, with their own UTM campaign tag and a colour on the calendar. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    goal: text().notNull().default(''),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    utmCampaign: text().notNull(),
    colour: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workspaceId, t.startsAt),
    uniqueIndex('campaigns_utm').on(t.workspaceId, t.utmCampaign),
  ],
)

/** What a post is measured by: its campaign, topics and approach (never required), and click tracking. */
export const postLabels = pgTable(
  'post_labels',
  {
    postId: uuid()
      .primaryKey()
      .references(() => posts.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid().references(() => campaigns.id, { onDelete: 'set null' }),
    topics: text().array().notNull().default(sql`'{}'::text[]`),
    approach: text({ enum: APPROACHES }),
    clickTracking: boolean().notNull().default(false),
  },
  (t) => [index().on(t.campaignId)],
)

/**
 * Engagement of one published delivery as the network reported it at one moment. Rows are
 * only ever added: `1h`, `24h` and `7d` once each (a racing job collides), `now` on demand.
 * A deleted post gets one last row with `deleted` and no counts; nothing follows it.
 */
export const engagementSnapshots = pgTable(
  'engagement_snapshots',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    mark: text({ enum: SNAPSHOT_MARKS }).notNull(),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    replies: integer(),
    reposts: integer(),
    quotes: integer(),
    likes: integer(),
    /** Distinct people who liked, reposted, quoted or replied, the account itself left out. */
    people: integer(),
    /** Replies by someone else directly under the post: each one starts a conversation. */
    conversations: integer(),
    deleted: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('engagement_snapshots_mark')
      .on(t.deliveryId, t.mark)
      .where(sql`${t.mark} <> 'now'`),
    index().on(t.deliveryId, t.takenAt),
  ],
)

/**
 * The latest snapshot of each measured delivery, with what Measure groups by copied beside
 * it: a 90-day Measure query reads these rows instead of ranking 10× as many snapshots
 * (bench/measure.ts). Derived from the snapshots, rewritten with each new one.
 */
export const deliveryEngagement = pgTable(
  'delivery_engagement',
  {
    deliveryId: uuid()
      .primaryKey()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    network: text().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    replies: integer().notNull().default(0),
    reposts: integer().notNull().default(0),
    quotes: integer().notNull().default(0),
    likes: integer().notNull().default(0),
    people: integer().notNull().default(0),
    conversations: integer().notNull().default(0),
    deleted: boolean().notNull().default(false),
  },
  (t) => [index('delivery_engagement_period').on(t.workspaceId, t.publishedAt)],
)

/** One short link per link per post per network; `/l/{code}` answers with a 302 to `url` tagged. */
export const shortLinks = pgTable(
  'short_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    network: text().notNull(),
    /** The link as written in the post. */
    url: text().notNull(),
    /** Where the redirect goes: `url` with the workspace's UTM tags. */
    target: text().notNull(),
    /** `/l/{code}` on the public URL the instance had when the link was made: what the post says. */
    shortUrl: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('short_links_code').on(t.code),
    uniqueIndex('short_links_post_network_url').on(t.postId, t.network, t.url),
  ],
)

/** Clicks per link per day: people and, apart, what looked like bots or link-preview fetchers. */
export const linkClicks = pgTable(
  'link_clicks',
  {
    linkId: uuid()
      .notNull()
      .references(() => shortLinks.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    clicks: integer().notNull().default(0),
    bots: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.day] })],
)

/**
 * One row per visitor per link per day, keyed by a hash of address and browser under that
 * day's salt. The salt is deleted after the day, so no row can be tied to an address again;
 * no address or cookie is stored.
 */
export const linkVisitors = pgTable(
  'link_visitors',
  {
    linkId: uuid()
      .notNull()
      .references(() => shortLinks.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    visitor: bytea().notNull(),
    clicks: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.day, t.visitor] })],
)

export const clickSalts = pgTable('click_salts', {
  day: date({ mode: 'string' }).primaryKey(),
  salt: bytea().notNull(),
})

/** The UTM tags a workspace adds to its short links' targets; `{network}` becomes the network's id. */
export const utmSettings = pgTable('utm_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  source: text().notNull().default('{network}'),
  medium: text().notNull().default('social'),
  campaign: text().notNull().default('sous'),
})
