import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { plainText } from '../core/inbox/plain-text.ts'
import { type Routing, type RoutingRule, routeItem } from '../core/inbox/routing-rules.ts'
import { triage } from '../core/inbox/triage.ts'
import type { InboxEvent } from '../networks/types.ts'
import type { Database } from '../store/connect.ts'
import { loadRoutingRules } from '../store/queries/routing-rules.ts'
import { announceInboxChange } from './announce-inbox-change.ts'

const ITEMIZED = new Set(['mention', 'reply', 'quote', 'dm'])

export type IngestAccount = { id: string; workspaceId: string; network: string }

export type IngestResult = { itemIds: string[]; reactions: number }

/**
 * Stores what a network returned for an account: each author as a person (profile refreshed),
 * mentions, replies, quotes and DMs as inbox items (classified and routed by the workspace's
 * rules), likes, reposts and follows as counted reactions. Idempotent by the network's event
 * id: a re-read, a crash between statements or two workers at once insert nothing twice
 * (ON CONFLICT DO NOTHING on unique keys), so no transaction is held. Raw multi-row SQL:
 * drizzle takes ~31 ms to build a 1,000-row INSERT (bench/inbox.ts measures ingest).
 */
export async function ingestInboxEvents(
  database: Database,
  account: IngestAccount,
  events: InboxEvent[],
  options: { rules?: RoutingRule[]; now?: Date } = {},
): Promise<IngestResult> {
  if (events.length === 0) return { itemIds: [], reactions: 0 }
  const { db } = database
  const { authorIds, personIds } = await upsertPeople(database, account, events)
  const reactions = events.filter((e) => !ITEMIZED.has(e.kind))
  const items = events.filter((e) => ITEMIZED.has(e.kind))
  let reacted = 0
  if (reactions.length) {
    const result = await db.execute(sql`
      insert into inbox_reactions (account_id, event_id, kind, subject_uri, author_id, created_at)
      select ${account.id}::uuid, e, k, s, a, c
      from unnest(${sql.param(reactions.map((e) => e.id))}::text[],
        ${sql.param(reactions.map((e) => e.kind))}::text[],
        ${sql.param(reactions.map((e) => e.subjectUri ?? null))}::text[],
        ${sql.param(reactions.map((e) => authorIds.get(e.author.id) ?? null))}::uuid[],
        ${sql.param(reactions.map((e) => createdAt(e, options.now)))}::timestamptz[]) as t(e, k, s, a, c)
      on conflict do nothing`)
    reacted = result.rowCount ?? 0
  }
  if (items.length === 0) return { itemIds: [], reactions: reacted }

  const rules = options.rules ?? (await loadRoutingRules(db, account.workspaceId))
  const [followers, parents] = await Promise.all([
    followersAmong(database, account.id, [
      ...new Set(items.map((e) => authorIds.get(e.author.id) ?? '')),
    ]),
    conversationsOf(database, account.workspaceId, items),
  ])
  // The same event twice in one read keeps its first copy.
  const unique = [...new Map(items.map((e) => [e.id, e])).values()]
  const rows = unique.map((event) => {
    const text = plainText(event.text ?? '')
    const authorId = authorIds.get(event.author.id) ?? null
    const triaged = triage(text)
    const routing = routeItem(rules, {
      accountId: account.id,
      network: account.network,
      kind: triaged.kind,
      sentiment: triaged.sentiment,
      text,
      // A rule names a person: every identity merged into them matches it.
      personId: personIds.get(event.author.id) ?? authorId,
      follower: authorId !== null && followers.has(authorId),
      source: 'network',
    })
    const parent = event.subjectUri ? parents.get(event.subjectUri) : undefined
    return {
      id: randomUUID(),
      dedupeKey: `${account.id}:${event.id}`,
      eventKind: event.kind,
      uri: event.uri ?? null,
      url: event.url ?? null,
      text,
      subjectUri: event.subjectUri ?? null,
      conversationKey: event.rootUri ?? parent ?? event.subjectUri ?? event.uri ?? event.id,
      authorId,
      createdAt: createdAt(event, options.now),
      ...applyRouting(triaged, routing),
    }
  })
  const itemIds = await insertItems(database, account, rows)
  await announceInboxChange(database, account.workspaceId, itemIds)
  return { itemIds, reactions: reacted }
}

export type ItemRow = {
  id: string
  dedupeKey: string
  eventKind: string
  uri: string | null
  url: string | null
  text: string
  subjectUri: string | null
  conversationKey: string
  authorId: string | null
  createdAt: string
} & ReturnType<typeof applyRouting>

/** What triage and the first matching rule decided, as the item's columns. */
export function applyRouting(triaged: ReturnType<typeof triage>, routing: Routing) {
  return {
    kind: routing.spam ? 'spam' : triaged.kind,
    sentiment: triaged.sentiment,
    reasons: routing.spam
      ? [...triaged.reasons, `spam: marked by the rule "${routing.rule?.name}"`]
      : triaged.reasons,
    language: triaged.language,
    ruleId: routing.rule?.id ?? null,
    ruleName: routing.rule?.name ?? null,
    assigneeId: routing.assigneeId,
    tags: routing.tags,
    priority: routing.priority === 'high' ? 1 : 0,
    status: routing.spam ? 'done' : 'open',
  }
}

/** Inserts items, skipping any whose dedupe key is there already; returns the ids inserted. */
export async function insertItems(
  database: Database,
  account: { id: string | null; workspaceId: string; network: string | null },
  rows: ItemRow[],
  extra: {
    source?: string
    senderName?: string | null
    senderContact?: string | null
    senderKey?: string | null
  } = {},
): Promise<string[]> {
  const column = <K extends keyof ItemRow>(key: K) => sql.param(rows.map((r) => r[key]))
  const result = await database.db.execute<{ id: string }>(sql`
    insert into inbox_items (id, workspace_id, account_id, source, dedupe_key, network, event_kind,
      uri, url, text, subject_uri, conversation_key, author_id, created_at, kind, sentiment, reasons,
      language, rule_id, rule_name, assignee_id, tags, priority, status, sender_name, sender_contact,
      sender_key)
    select id, ${account.workspaceId}::uuid, ${account.id}::uuid, ${extra.source ?? 'network'},
      dedupe_key, ${account.network}, event_kind, uri, url, text, subject_uri, conversation_key,
      author_id, created_at, kind, sentiment, reasons, language, rule_id, rule_name, assignee_id,
      array(select jsonb_array_elements_text(tags)), priority, status,
      ${extra.senderName ?? null}, ${extra.senderContact ?? null}, ${extra.senderKey ?? null}
    from unnest(${column('id')}::uuid[], ${column('dedupeKey')}::text[], ${column('eventKind')}::text[],
      ${column('uri')}::text[], ${column('url')}::text[], ${column('text')}::text[],
      ${column('subjectUri')}::text[], ${column('conversationKey')}::text[], ${column('authorId')}::uuid[],
      ${column('createdAt')}::timestamptz[], ${column('kind')}::text[], ${column('sentiment')}::text[],
      ${sql.param(rows.map((r) => JSON.stringify(r.reasons)))}::jsonb[], ${column('language')}::text[],
      ${column('ruleId')}::uuid[], ${column('ruleName')}::text[], ${column('assigneeId')}::uuid[],
      ${sql.param(rows.map((r) => JSON.stringify(r.tags)))}::jsonb[], ${column('priority')}::smallint[],
      ${column('status')}::text[])
      as t(id, dedupe_key, event_kind, uri, url, text, subject_uri, conversation_key, author_id,
        created_at, kind, sentiment, reasons, language, rule_id, rule_name, assignee_id, tags,
        priority, status)
    on conflict (workspace_id, dedupe_key) do nothing
    returning id`)
  return result.rows.map((r) => r.id)
}

/** Each author once, profile refreshed; answers the identity's row id and its person's id per network id. */
async function upsertPeople(
  database: Database,
  account: IngestAccount,
  events: InboxEvent[],
): Promise<{ authorIds: Map<string, string>; personIds: Map<string, string> }> {
  const authors = [...new Map(events.map((e) => [e.author.id, e.author])).values()]
  const ids = authors.map(() => randomUUID())
  const result = await database.db.execute<{
    id: string
    person_id: string
    network_id: string
  }>(sql`
    insert into people (id, person_id, workspace_id, network, network_id, handle, display_name,
      bio, avatar_url, followers_count)
    select id, id, ${account.workspaceId}::uuid, ${account.network}, n, h, d, b, a, f
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(authors.map((a) => a.id))}::text[],
      ${sql.param(authors.map((a) => a.handle))}::text[],
      ${sql.param(authors.map((a) => plainText(a.displayName).slice(0, 200)))}::text[],
      ${sql.param(authors.map((a) => plainText(a.bio).slice(0, 2_000)))}::text[],
      ${sql.param(authors.map((a) => a.avatarUrl ?? null))}::text[],
      ${sql.param(authors.map((a) => a.followersCount ?? null))}::int[]) as t(id, n, h, d, b, a, f)
    on conflict (workspace_id, network, network_id) do update set
      handle = excluded.handle, display_name = excluded.display_name, bio = excluded.bio,
      avatar_url = excluded.avatar_url,
      followers_count = coalesce(excluded.followers_count, people.followers_count),
      updated_at = now()
    returning id, person_id, network_id`)
  return {
    authorIds: new Map(result.rows.map((r) => [r.network_id, r.id])),
    personIds: new Map(result.rows.map((r) => [r.network_id, r.person_id])),
  }
}

async function followersAmong(
  database: Database,
  accountId: string,
  personIds: string[],
): Promise<Set<string>> {
  const ids = personIds.filter(Boolean)
  if (ids.length === 0) return new Set()
  const result = await database.db.execute<{ author_id: string }>(sql`
    select distinct author_id from inbox_reactions
    where account_id = ${accountId}::uuid and kind = 'follow'
      and author_id = any(${sql.param(ids)}::uuid[])`)
  return new Set(result.rows.map((r) => r.author_id))
}

/** The conversation of each message these answer, when it is one Sous already holds. */
async function conversationsOf(
  database: Database,
  workspaceId: string,
  events: InboxEvent[],
): Promise<Map<string, string>> {
  const subjects = [
    ...new Set(events.flatMap((e) => (e.subjectUri && !e.rootUri ? [e.subjectUri] : []))),
  ]
  if (subjects.length === 0) return new Map()
  const result = await database.db.execute<{ uri: string; conversation_key: string }>(sql`
    select uri, conversation_key from inbox_items
    where workspace_id = ${workspaceId}::uuid and uri = any(${sql.param(subjects)}::text[])`)
  return new Map(result.rows.map((r) => [r.uri, r.conversation_key]))
}

/** The network's time, unless it is missing or in the future (a clock or a forged record). */
function createdAt(event: InboxEvent, now = new Date()): string {
  const at = Date.parse(event.createdAt)
  return new Date(
    Number.isFinite(at) && at <= now.getTime() + 60_000 ? at : now.getTime(),
  ).toISOString()
}
