import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { BusinessHours } from '../../core/inbox/business-time.ts'
import { INBOX_STATUSES } from '../../core/inbox/inbox-statuses.ts'
import type { RuleActions, RuleConditions } from '../../core/inbox/routing-rules.ts'
import { accounts } from './accounts.ts'
import { posts } from './posts.ts'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

/**
 * One network identity that wrote to the workspace, with its profile. `personId` groups the
 * identities a person merged into one person (never automatically); it starts as the row's id.
 */
export const people = pgTable(
  'people',
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personId: uuid().notNull(),
    network: text().notNull(),
    /** The network's own id: a DID, a Mastodon account id. */
    networkId: text().notNull(),
    handle: text().notNull(),
    displayName: text().notNull().default(''),
    bio: text().notNull().default(''),
    avatarUrl: text(),
    followersCount: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_identity').on(t.workspaceId, t.network, t.networkId),
    index().on(t.personId),
  ],
)

/**
 * A mention, reply, quote, DM or feedback-form message. `dedupeKey` (account + the network's
 * event id) is unique per workspace: a re-read, a crash or two workers collide, never duplicate.
 * Text is stored as plain text and only ever returned as text.
 */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid().references(() => accounts.id, { onDelete: 'cascade' }),
    source: text({ enum: ['network', 'feedback-form', 'listening'] }).notNull(),
    dedupeKey: text().notNull(),
    network: text(),
    eventKind: text().notNull(),
    uri: text(),
    url: text(),
    text: text().notNull(),
    /** Our post (or the message) this one answers; the thread's root groups the conversation. */
    subjectUri: text(),
    conversationKey: text().notNull(),
    authorId: uuid().references(() => people.id, { onDelete: 'set null' }),
    senderName: text(),
    senderContact: text(),
    /** A keyed hash of the feedback form's sender address, for its rate limit; never the address. */
    senderKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: text().notNull(),
    sentiment: text().notNull(),
    reasons: jsonb().$type<string[]>().notNull(),
    language: text(),
    ruleId: uuid(),
    ruleName: text(),
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** 0 normal, 1 high: the list shows high first. */
    priority: smallint().notNull().default(0),
    status: text({ enum: INBOX_STATUSES }).notNull().default('open'),
    snoozeUntil: timestamp({ withTimezone: true }),
    firstResponseAt: timestamp({ withTimezone: true }),
    firstResponderId: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbox_items_dedupe').on(t.workspaceId, t.dedupeKey),
    // The list pages newest first within priority; one index per filter the inbox offers.
    index('inbox_items_by_status').on(t.workspaceId, t.status, t.priority, t.createdAt, t.id),
    index('inbox_items_by_assignee').on(
      t.workspaceId,
      t.assigneeId,
      t.status,
      t.priority,
      t.createdAt,
      t.id,
    ),
    index('inbox_items_by_account').on(t.accountId, t.status, t.priority, t.createdAt, t.id),
    index('inbox_items_by_kind').on(t.workspaceId, t.kind, t.status, t.priority, t.createdAt, t.id),
    index('inbox_items_conversation').on(t.workspaceId, t.conversationKey),
    index('inbox_items_author').on(t.authorId),
    index('inbox_items_uri').on(t.workspaceId, t.uri),
    // The answered replies to each of our posts, for Measure (store/refresh-measure-units.ts).
    index('inbox_items_answered')
      .on(t.workspaceId, t.subjectUri)
      .where(sql`${t.eventKind} = 'reply' and ${t.firstResponseAt} is not null`),
    index('inbox_items_snoozed').on(t.snoozeUntil).where(sql`${t.status} = 'snoozed'`),
    index('inbox_items_sender')
      .on(t.workspaceId, t.senderKey, t.receivedAt)
      .where(sql`${t.senderKey} is not null`),
  ],
)

/** Likes and reposts are counted, not itemized: one row per network event, so a re-read counts once. */
export const inboxReactions = pgTable(
  'inbox_reactions',
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    eventId: text().notNull(),
    kind: text({ enum: ['like', 'repost', 'follow'] }).notNull(),
    subjectUri: text(),
    authorId: uuid().references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.eventId] }),
    index().on(t.accountId, t.subjectUri),
    index().on(t.authorId, t.accountId),
  ],
)

/** Where each account's polling stands, and when it is next due. */
export const inboxSync = pgTable('inbox_sync', {
  accountId: uuid()
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  nextPollAt: timestamp({ withTimezone: true }).notNull(),
  lastPolledAt: timestamp({ withTimezone: true }),
  lastActivityAt: timestamp({ withTimezone: true }),
  delayMs: integer(),
  /** Older pages still to read after a flood outran one poll's page budget. */
  backfillCursor: text(),
  /** Where the stream's catch-up reads on (the `rel="prev"` query: newer than what is stored). */
  streamSinceId: text(),
  lastError: text(),
})

export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    name: text().notNull(),
    conditions: jsonb().$type<RuleConditions>().notNull(),
    actions: jsonb().$type<RuleActions>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.position)],
)

/** A workspace's inbox: business hours, the first-response target, the public feedback link. */
export const inboxSettings = pgTable(
  'inbox_settings',
  {
    workspaceId: uuid()
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    businessHours: jsonb().$type<BusinessHours>().notNull(),
    firstResponseTargetMinutes: integer().notNull().default(240),
    feedbackSlug: text(),
    feedbackEnabled: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('inbox_settings_feedback_slug').on(t.feedbackSlug)],
)

/** A reply a person wrote to an inbox item; its post goes out through the delivery engine. */
export const inboxReplies = pgTable(
  'inbox_replies',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemId: uuid()
      .notNull()
      .references(() => inboxItems.id, { onDelete: 'cascade' }),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Who it answered (the person, or the item for a message without one): for the form-letter check. */
    recipientKey: text().notNull(),
    text: text().notNull(),
    /** The saved reply the person started from, if any. */
    snippetId: uuid().references(() => snippets.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workspaceId, t.createdAt),
    index().on(t.itemId),
    index().on(t.snippetId).where(sql`${t.snippetId} is not null`),
  ],
)

/** A saved reply: a starting point the person edits, never sent by itself. Names are unique per workspace. */
export const snippets = pgTable(
  'snippets',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    text: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('snippets_name').on(t.workspaceId, t.name)],
)
