import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { REVIEW_STATES } from '../../core/people/review-state.ts'
import { accounts } from './accounts.ts'
import { posts } from './posts.ts'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

/**
 * A network profile as one connected account sees it: its context (bio, counts, last post),
 * whether it follows the account and is followed by it, and the decision a person made on it
 * as a follower. The inbox's `people` (inbox.ts) are the identities that wrote to the
 * workspace; the two meet on (network, network id). Sous's own users live in users.ts.
 */
export const accountPeople = pgTable(
  'account_people',
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The network's own id: a DID, a Mastodon account id. */
    profileId: text().notNull(),
    handle: text().notNull(),
    displayName: text().notNull().default(''),
    bio: text().notNull().default(''),
    avatarUrl: text(),
    url: text(),
    profileCreatedAt: timestamp({ withTimezone: true }),
    postsCount: integer(),
    followersCount: integer(),
    followingCount: integer(),
    lastPostAt: timestamp({ withTimezone: true }),
    /** When counts and last post were read; null while only what a list carries is known. */
    contextAt: timestamp({ withTimezone: true }),
    followsUs: boolean().notNull().default(false),
    /** Newest follower first: see core/people/list-order.ts. Set when they (re)start following. */
    followerOrder: bigint({ mode: 'number' }),
    /** The full listing pass that last saw them follow; an older pass number means they left. */
    followerPass: integer(),
    weFollow: boolean().notNull().default(false),
    followingOrder: bigint({ mode: 'number' }),
    followingPass: integer(),
    /** As a follower: null until they first follow. */
    review: text({ enum: REVIEW_STATES }),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    /** The network no longer shows the profile (deleted, suspended), found when acting on it. */
    goneAt: timestamp({ withTimezone: true }),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.profileId] }),
    index('account_people_followers').on(t.accountId, t.followerOrder).where(sql`${t.followsUs}`),
    index('account_people_review')
      .on(t.accountId, t.followerOrder)
      .where(sql`${t.followsUs} and ${t.review} = 'new'`),
    index('account_people_following').on(t.accountId, t.followingOrder).where(sql`${t.weFollow}`),
  ],
)

export const PEOPLE_LISTS = ['followers', 'follows'] as const
export const SYNC_STATES = ['idle', 'listing', 'enriching', 'paused'] as const
export const SYNC_KINDS = ['full', 'incremental'] as const

/**
 * Where each of an account's people syncs stands. The cursor is written in the same
 * transaction as the page it came with, so a crashed sync resumes at the page it was on.
 */
export const peopleSyncs = pgTable(
  'people_syncs',
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    list: text({ enum: PEOPLE_LISTS }).notNull(),
    state: text({ enum: SYNC_STATES }).notNull().default('idle'),
    kind: text({ enum: SYNC_KINDS }).notNull().default('full'),
    /** Numbers the passes; each job step's unique key carries it. */
    pass: integer().notNull().default(0),
    step: integer().notNull().default(0),
    cursor: text(),
    listed: integer().notNull().default(0),
    added: integer().notNull().default(0),
    removed: integer().notNull().default(0),
    /** The account's own count when the pass began, for progress. */
    expected: integer(),
    requests: integer().notNull().default(0),
    /**
     * When Sous first began listing (the first pass's start, refused or not): a follow the
     * network dates after it is "new" even before a full pass has ended (`lastFullAt`).
     */
    baselineAt: timestamp({ withTimezone: true }),
    lastFullAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    pausedReason: text(),
    lastError: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.list] })],
)

export const PEOPLE_ACTIONS = ['follow', 'unfollow'] as const
export const PEOPLE_ACTION_STATES = ['sending', 'done', 'failed'] as const

/**
 * Every follow and unfollow a person asked for, written with who asked before the network is
 * called: the pace is counted from it. `requestedBy` is a plain id, like the audit log's.
 */
export const peopleActions = pgTable(
  'people_actions',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    profileId: text().notNull(),
    action: text({ enum: PEOPLE_ACTIONS }).notNull(),
    requestedBy: uuid().notNull(),
    state: text({ enum: PEOPLE_ACTION_STATES }).notNull().default('sending'),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.requestedBy, t.createdAt), index().on(t.accountId, t.createdAt)],
)

/**
 * A personal note a person wrote to someone from the people pages (a post mentioning them):
 * kept with who it went to, so the form-letter check sees notes and inbox replies together.
 */
export const peopleNotes = pgTable(
  'people_notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    profileId: text().notNull(),
    postId: uuid()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** The inbox's person when known, else the profile: the form-letter check's "who". */
    recipientKey: text().notNull(),
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
)
