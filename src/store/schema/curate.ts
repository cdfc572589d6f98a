import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { posts } from './posts.ts'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

/** A person decides every suggestion; nothing here is ever posted without one. */
export const SUGGESTION_STATES = ['new', 'saved', 'shared', 'skipped'] as const

/**
 * A feed a workspace follows, with its polling state. `url` follows permanent redirects;
 * `pollingUntil` is a worker's lease while it polls, and no two sources of one `host` are
 * polled at once.
 */
export const feedSources = pgTable(
  'feed_sources',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    host: text().notNull(),
    siteUrl: text(),
    title: text().notNull(),
    /** rss, atom, rdf or json, as last parsed. */
    format: text(),
    /** An OPML folder path such as "Tech/Rust", kept for export. */
    category: text(),
    /** Multiplies its suggestions' scores; 1 is neutral. */
    weight: real().notNull().default(1),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    etag: text(),
    lastModified: text(),
    lastPolledAt: timestamp({ withTimezone: true }),
    lastSuccessAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    /** Failures in a row; 0 after any success. */
    failures: integer().notNull().default(0),
    failingSince: timestamp({ withTimezone: true }),
    /** Failing for days: polled once a day until it answers. */
    failing: boolean().notNull().default(false),
    nextPollAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    pollingUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('feed_sources_workspace_url').on(t.workspaceId, t.url),
    index('feed_sources_next_poll').on(t.nextPollAt),
    index('feed_sources_host_polling').on(t.host).where(sql`${t.pollingUntil} is not null`),
  ],
)

/**
 * One story offered to the workspace's people: the first item that told it, and every later
 * copy (same canonical URL or near-duplicate title) joined to it. The decision is a person's.
 */
export const suggestions = pgTable(
  'suggestions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    state: text({ enum: SUGGESTION_STATES }).notNull().default('new'),
    sourceId: uuid().references(() => feedSources.id, { onDelete: 'set null' }),
    url: text().notNull(),
    title: text().notNull(),
    summary: text(),
    author: text(),
    imageUrl: text(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    /** False when the feed gave no usable date and `publishedAt` is when Sous first saw it. */
    dated: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    /** The topics it matched when decided: what "shared vs skipped on this topic" counts. */
    matchedTopics: text().array().notNull().default(sql`'{}'::text[]`),
    /** The post a person wrote from it. */
    postId: uuid().references(() => posts.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('suggestions_queue').on(t.workspaceId, t.state, t.publishedAt),
    index('suggestions_decided').on(t.workspaceId, t.decidedAt),
  ],
)

/** One entry of one feed as fetched; copies of a story in several sources share a suggestion. */
export const feedItems = pgTable(
  'feed_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    /**
     * Insertion order. Items of a workspace are inserted under its advisory lock, so a
     * reader that has seen up to N has seen every item committed before N: what the
     * in-memory story index (store/queries/story-index.ts) catches up from.
     */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sourceId: uuid()
      .notNull()
      .references(() => feedSources.id, { onDelete: 'cascade' }),
    suggestionId: uuid()
      .notNull()
      .references(() => suggestions.id, { onDelete: 'cascade' }),
    /** The entry's id in its feed (guid, Atom id, JSON id), else its link or title. */
    key: text().notNull(),
    url: text().notNull(),
    canonicalUrl: text().notNull(),
    title: text().notNull(),
    summary: text(),
    author: text(),
    imageUrl: text(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    dated: boolean().notNull(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Content words of the title and their LSH band keys (core/curate/title-similarity.ts),
     * matched in memory: a GIN lookup of 1,000 keys took 190 ms on the embedded database.
     */
    titleWords: text().array().notNull(),
    titleBands: integer().array().notNull(),
  },
  (t) => [
    uniqueIndex('feed_items_source_key').on(t.sourceId, t.key),
    index('feed_items_canonical').on(t.workspaceId, t.canonicalUrl),
    index('feed_items_suggestion').on(t.suggestionId),
    index('feed_items_workspace_seq').on(t.workspaceId, t.seq),
  ],
)

/** The workspace's topics: words and phrases, weighted, that suggestions are ranked against. */
export const curateTopics = pgTable(
  'curate_topics',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    term: text().notNull(),
    weight: real().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.term] })],
)
