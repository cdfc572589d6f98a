import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { SpikeSettings } from '../../core/listen/detect-spike.ts'
import { brakes } from './brakes.ts'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

/** A saved search: a query run against every post the listening sources see. */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    query: text().notNull(),
    /** Matches without any of its terms (`NOT x`, `lang:de`): its stored matches are capped. */
    broad: boolean().notNull().default(false),
    /** Spike alerts; null when off. */
    alert: jsonb().$type<SpikeSettings>(),
    /** Its matches also become inbox items. */
    inbox: boolean().notNull().default(true),
    /** New items of the workspace's feeds (curation's sources) are matched too. */
    feeds: boolean().notNull().default(false),
    lastAlertAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
)

/** A workspace's crisis watch (off by default). Its matches and volume are kept under its own id. */
export const crisisWatches = pgTable('crisis_watches', {
  id: uuid().primaryKey().defaultRandom(),
  workspaceId: uuid()
    .notNull()
    .unique()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  enabled: boolean().notNull().default(false),
  terms: text().array().notNull().default(sql`'{}'::text[]`),
  sensitivity: text({ enum: ['low', 'medium', 'high'] })
    .notNull()
    .default('medium'),
  /** When it was last turned on: the baseline only counts minutes it was watching. */
  enabledAt: timestamp({ withTimezone: true }),
  lastAlertAt: timestamp({ withTimezone: true }),
  updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

/**
 * A post a saved search (or a crisis watch, by its id) matched. At-least-once sources send a
 * post again after a reconnect: (search, DID, record key) is unique, so it is stored once.
 */
export const listenMatches = pgTable(
  'listen_matches',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    searchId: uuid().notNull(),
    did: text().notNull(),
    rkey: text().notNull(),
    uri: text().notNull(),
    /** The network it came from (an adapter's id in networks/registry.ts); null for a feed item. */
    network: text(),
    text: text().notNull(),
    langs: text().array().notNull().default(sql`'{}'::text[]`),
    postedAt: timestamp({ withTimezone: true }).notNull(),
    matchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('listen_matches_post').on(t.searchId, t.did, t.rkey),
    index('listen_matches_page').on(t.searchId, t.matchedAt, t.id),
  ],
)

/** Matches per search per minute, counted whether or not each match was stored. */
export const listenVolume = pgTable(
  'listen_volume',
  {
    searchId: uuid().notNull(),
    minute: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.searchId, t.minute] })],
)

/** A spike: the volume of one minute against the baseline, with sample matches. */
export const listenAlerts = pgTable(
  'listen_alerts',
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['spike', 'crisis'] }).notNull(),
    searchId: uuid().notNull(),
    searchName: text().notNull(),
    minute: timestamp({ withTimezone: true }).notNull(),
    volume: integer().notNull(),
    baseline: real().notNull(),
    threshold: integer().notNull(),
    samples: jsonb().$type<Array<{ uri: string; text: string }>>().notNull(),
    brakeId: uuid().references(() => brakes.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt, t.id)],
)

/**
 * One row per listening source: which process consumes it (a lease renewed every few seconds;
 * another worker takes over once it lapses), where it stands, and how far behind it is.
 */
export const listenLeases = pgTable('listen_leases', {
  source: text().primaryKey(),
  holder: text(),
  expiresAt: timestamp({ withTimezone: true }),
  /** The source's own position (Jetstream: microseconds); resumed from after a restart. */
  cursor: bigint({ mode: 'number' }),
  state: text().notNull().default('idle'),
  detail: text(),
  lastEventAt: timestamp({ withTimezone: true }),
  lagSeconds: integer(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
