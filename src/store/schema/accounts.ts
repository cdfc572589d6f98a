import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './users.ts'
import { workspaces } from './workspaces.ts'

export const ACCOUNT_STATES = ['ok', 'needs_attention'] as const

/** A connected network account. Credentials are sealed (security/seal-credentials.ts), never plain. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The adapter's id in networks/registry.ts. */
    network: text().notNull(),
    /** The network's own id for the account (a DID, a Mastodon account id). */
    networkAccountId: text().notNull(),
    handle: text().notNull(),
    displayName: text().notNull().default(''),
    url: text().notNull(),
    /** Where the account lives: the PDS or the Mastodon instance. */
    service: text().notNull(),
    credentials: text().notNull(),
    state: text({ enum: ACCOUNT_STATES }).notNull().default('ok'),
    stateReason: text(),
    stateChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastVerifiedAt: timestamp({ withTimezone: true }),
    connectedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** IANA zone of the account's queue slots. */
    timeZone: text().notNull().default('UTC'),
    /** Weekly queue slots: `{ weekday: 1–7 (ISO), time: 'HH:MM' }` in `timeZone`. */
    queueSlots: jsonb().$type<Array<{ weekday: number; time: string }>>().notNull().default([]),
    /** Disconnected accounts stay for history (posts, audit) but do nothing. */
    disconnectedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('accounts_connected_once')
      .on(t.workspaceId, t.network, t.networkAccountId)
      .where(sql`${t.disconnectedAt} is null`),
    index().on(t.workspaceId),
  ],
)

/** One OAuth app registration per Mastodon-compatible instance, reused by every workspace. */
export const oauthApps = pgTable('oauth_apps', {
  network: text().notNull(),
  /** The instance origin, e.g. https://mastodon.social. */
  instance: text().primaryKey(),
  clientId: text().notNull(),
  /** Sealed with the instance-wide scope, like account credentials. */
  clientSecret: text().notNull(),
  redirectUri: text().notNull(),
  scopes: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

/** An OAuth authorization in flight: `state` ties the callback to the person and workspace that began it. */
export const oauthStates = pgTable('oauth_states', {
  stateHash: text().primaryKey(),
  network: text().notNull(),
  instance: text().notNull(),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Sealed PKCE code verifier. */
  codeVerifier: text().notNull(),
  /** Set when the flow reconnects an existing account. */
  accountId: uuid(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
})
