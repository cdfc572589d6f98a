import { sql } from 'drizzle-orm'
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { DELIVERY_STATES } from '../../core/delivery/delivery-state.ts'
import { accounts } from './accounts.ts'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

/** How a post came to be: the organic balance counts live and replies against scheduled. */
export const PROVENANCES = ['live', 'scheduled', 'suggestion', 'reply'] as const
export const APPROVALS = ['not_needed', 'pending', 'approved'] as const

/** An image in the workspace's media library, reused across posts. EXIF is stripped on upload. */
export const media = pgTable(
  'media',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    mimeType: text().notNull(),
    bytes: bytea().notNull(),
    size: integer().notNull(),
    width: integer(),
    height: integer(),
    altText: text().notNull().default(''),
    sha256: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workspaceId, t.createdAt),
    // The same bytes are one library item: a repeat upload finds the first.
    uniqueIndex('media_workspace_sha256').on(t.workspaceId, t.sha256),
  ],
)

/** One idea; it has one variant per target account. */
export const posts = pgTable(
  'posts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    provenance: text({ enum: PROVENANCES }).notNull(),
    approval: text({ enum: APPROVALS }).notNull(),
    approvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp({ withTimezone: true }),
    /** The idea in its author's words, apart from any variant: a draft's text before it has any. */
    text: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
)

export type LinkValue = { url: string; title?: string; description?: string; imageUrl?: string }
export type SegmentValue = { text: string; mediaIds: string[] }

export const variants = pgTable(
  'variants',
  {
    id: uuid().primaryKey().defaultRandom(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    /** Null for a draft aimed at a network before any account of it is chosen (or connected). */
    accountId: uuid().references(() => accounts.id, { onDelete: 'cascade' }),
    /** The network it is written for: its account's, or the one a draft is aimed at. */
    network: text().notNull(),
    /** Its place among the post's variants, as they were written. */
    position: integer().notNull().default(0),
    /** The first post and then each further segment of a thread, in order. */
    segments: jsonb().$type<SegmentValue[]>().notNull(),
    link: jsonb().$type<LinkValue>(),
    contentWarning: text(),
    language: text(),
    /**
     * A reply's parent (and thread root): an inbox reply's first segment answers it. `direct`:
     * it answers a direct message, so every segment stays direct (Mastodon visibility).
     */
    replyTo: jsonb().$type<{ uri: string; rootUri?: string; direct?: boolean }>(),
    /**
     * `direct`: every segment goes as a direct message to those it mentions (a personal note
     * to a new follower on a network with direct messages). Null: the account's default.
     */
    visibility: text({ enum: ['direct'] }),
  },
  (t) => [uniqueIndex('variants_post_account').on(t.postId, t.accountId)],
)

/**
 * One segment of one variant on its way to its account: the durable state machine of
 * core/delivery. `publishKey` is fixed when the row is made, before any attempt, and every
 * retry sends the same key: that is what makes a repeat find the first post.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    segment: integer().notNull(),
    state: text({ enum: DELIVERY_STATES }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** When the engine should next look at it (the due time, or a retry time). */
    runAt: timestamp({ withTimezone: true }).notNull(),
    publishKey: text().notNull(),
    attempts: integer().notNull().default(0),
    reconcile: boolean().notNull().default(false),
    uri: text(),
    url: text(),
    error: text(),
    publishedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deliveries_variant_segment').on(t.variantId, t.segment),
    uniqueIndex('deliveries_publish_key').on(t.publishKey),
    // Which of our posts a reply answers (the inbox's subject URI), for Measure.
    index('deliveries_uri').on(t.uri).where(sql`${t.uri} is not null`),
    index('deliveries_due').on(t.runAt).where(sql`${t.state} in ('scheduled', 'retry_wait')`),
    index().on(t.accountId, t.dueAt),
    // The engagement sweep reads the last 8 days of published deliveries (jobs/snapshot-sweep-job.ts).
    index('deliveries_published').on(t.publishedAt).where(sql`${t.state} = 'published'`),
  ],
)
