import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { type EngagementEvent, peopleEngaged } from '../core/measure/people-engaged.ts'
import { dueMark, type SnapshotMark } from '../core/measure/snapshot-marks.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { AccountSession, Engagement } from '../networks/types.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Db } from '../store/connect.ts'
import { refreshMeasureUnits } from '../store/refresh-measure-units.ts'
import { accounts, deliveries, engagementSnapshots } from '../store/schema/index.ts'
import { openAccountSession } from './open-account-session.ts'

/** Inbox pages read per account per run to find who engaged: newest first, back to the oldest post. */
const INBOX_PAGES = 5
/** A post the network does not show this soon after publishing may not be indexed yet, not deleted. */
const INDEXING_GRACE_MS = 10 * 60_000

export type SnapshotOutcome = {
  taken: number
  deleted: number
  /** Deliveries not read, and why (account disconnected or needing attention, not indexed yet). */
  skipped: Array<{ deliveryId: string; reason: string }>
}

type Row = {
  id: string
  uri: string
  publishedAt: Date
  account: typeof accounts.$inferSelect
  marks: SnapshotMark[]
  deleted: boolean
}

/**
 * Reads engagement for published deliveries and adds one snapshot each: `scheduled` takes the
 * mark that is due (+1 h, +24 h, +7 d) and skips the rest, `now` always reads. Calls are
 * batched per account (the adapters batch per network call). A post the network no longer has
 * gets one last snapshot marked deleted; nothing is read for it after that. Network failures
 * other than a missing post propagate as NetworkError (the job decides when to retry).
 */
export async function takeSnapshots(
  db: Db,
  secret: Buffer,
  networks: NetworkRegistry,
  input: { deliveryIds: string[]; mode: 'scheduled' | 'now'; now?: Date },
): Promise<SnapshotOutcome> {
  const now = input.now ?? new Date()
  const outcome: SnapshotOutcome = { taken: 0, deleted: 0, skipped: [] }
  const rows = await loadRows(db, input.deliveryIds)
  const byAccount = new Map<string, Array<Row & { mark: SnapshotMark }>>()
  for (const row of rows) {
    if (row.deleted) {
      outcome.skipped.push({ deliveryId: row.id, reason: 'deleted on the network' })
      continue
    }
    const mark = input.mode === 'now' ? 'now' : dueMark(row.publishedAt, now, new Set(row.marks))
    if (!mark) continue
    const reason = row.account.disconnectedAt
      ? 'the account is disconnected'
      : row.account.state !== 'ok'
        ? `${row.account.handle} needs attention`
        : null
    if (reason) {
      outcome.skipped.push({ deliveryId: row.id, reason })
      continue
    }
    byAccount.set(row.account.id, [...(byAccount.get(row.account.id) ?? []), { ...row, mark }])
  }

  for (const group of byAccount.values()) {
    const account = group[0]?.account
    if (!account) continue
    const adapter = networks.adapterFor(account.network)
    let session: AccountSession<unknown>
    try {
      session = openAccountSession(db, secret, account)
    } catch (error) {
      if (!(error instanceof CredentialsUnreadableError)) throw error
      for (const row of group)
        outcome.skipped.push({ deliveryId: row.id, reason: 'its credentials cannot be read' })
      continue
    }
    const uris = group.map((row) => row.uri)
    const counts = new Map<string, Engagement>()
    for (const c of await adapter.readEngagement(session, uris)) counts.set(c.uri, c)
    const oldest = Math.min(...group.map((row) => row.publishedAt.getTime()))
    const people = peopleEngaged(
      await readRecentEvents(adapter, session, oldest),
      uris,
      account.networkAccountId,
    )
    const values = group.flatMap((row) => {
      const c = counts.get(row.uri)
      if (!c && now.getTime() - row.publishedAt.getTime() < INDEXING_GRACE_MS) {
        outcome.skipped.push({ deliveryId: row.id, reason: 'not visible on the network yet' })
        return []
      }
      const p = people.get(row.uri)
      return [
        {
          deliveryId: row.id,
          mark: row.mark,
          takenAt: now,
          deleted: !c,
          ...(c
            ? {
                replies: c.replies,
                reposts: c.reposts,
                quotes: c.quotes,
                likes: c.likes,
                people: p?.people ?? 0,
                conversations: p?.conversations ?? 0,
              }
            : {}),
        },
      ]
    })
    if (values.length === 0) continue
    const inserted = await db.transaction(async (tx) => {
      const added = await tx
        .insert(engagementSnapshots)
        .values(values)
        .onConflictDoNothing()
        .returning({ deliveryId: engagementSnapshots.deliveryId })
      await refreshLatest(
        tx,
        added.map((a) => a.deliveryId),
      )
      return added
    })
    const addedIds = new Set(inserted.map((a) => a.deliveryId))
    for (const value of values) {
      if (!addedIds.has(value.deliveryId)) continue
      if (value.deleted) outcome.deleted++
      else outcome.taken++
    }
  }
  return outcome
}

async function loadRows(db: Db, deliveryIds: string[]): Promise<Row[]> {
  if (deliveryIds.length === 0) return []
  const found = await db
    .select({
      id: deliveries.id,
      uri: deliveries.uri,
      publishedAt: deliveries.publishedAt,
      account: accounts,
      marks: sql<SnapshotMark[]>`coalesce((select array_agg(s.mark) from ${engagementSnapshots} s
        where s.delivery_id = ${deliveries.id}), '{}')`,
      deleted: sql<boolean>`exists (select 1 from ${engagementSnapshots} s
        where s.delivery_id = ${deliveries.id} and s.deleted)`,
    })
    .from(deliveries)
    .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
    .where(
      and(
        inArray(deliveries.id, deliveryIds),
        eq(deliveries.state, 'published'),
        isNotNull(deliveries.uri),
        isNotNull(deliveries.publishedAt),
      ),
    )
  return found.map((r) => ({ ...r, uri: r.uri ?? '', publishedAt: r.publishedAt ?? new Date(0) }))
}

/** What the account's inbox says happened since `sinceMs`, a bounded number of pages back. */
async function readRecentEvents(
  adapter: ReturnType<NetworkRegistry['adapterFor']>,
  session: AccountSession<unknown>,
  sinceMs: number,
): Promise<EngagementEvent[]> {
  const events: EngagementEvent[] = []
  let cursor: string | undefined
  for (let page = 0; page < INBOX_PAGES; page++) {
    const { items, cursor: next } = await adapter.readInbox(session, cursor, 100)
    for (const item of items) {
      events.push({
        kind: item.kind,
        authorId: item.author.id,
        createdAt: item.createdAt,
        ...(item.subjectUri ? { subjectUri: item.subjectUri } : {}),
      })
    }
    const last = items.at(-1)
    if (!next || !last || Date.parse(last.createdAt) < sinceMs) break
    cursor = next
  }
  return events
}

/** Copies each delivery's newest snapshot into delivery_engagement, then its post's Measure rows. */
async function refreshLatest(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  deliveryIds: string[],
): Promise<void> {
  if (deliveryIds.length === 0) return
  const written = await tx.execute<{ post_id: string }>(sql`
    insert into delivery_engagement (delivery_id, workspace_id, post_id, account_id, network,
      published_at, taken_at, replies, reposts, quotes, likes, people, conversations, deleted)
    select d.id, a.workspace_id, d.post_id, d.account_id, a.network, d.published_at, s.taken_at,
      coalesce(s.replies, prev.replies, 0), coalesce(s.reposts, prev.reposts, 0),
      coalesce(s.quotes, prev.quotes, 0), coalesce(s.likes, prev.likes, 0),
      coalesce(s.people, prev.people, 0), coalesce(s.conversations, prev.conversations, 0), s.deleted
    from deliveries d
    join accounts a on a.id = d.account_id
    join lateral (select * from engagement_snapshots s where s.delivery_id = d.id
      order by s.taken_at desc, s.id desc limit 1) s on true
    left join delivery_engagement prev on prev.delivery_id = d.id
    where d.id = any(${sql.param(deliveryIds)}::uuid[])
    on conflict (delivery_id) do update set taken_at = excluded.taken_at,
      replies = excluded.replies, reposts = excluded.reposts, quotes = excluded.quotes,
      likes = excluded.likes, people = excluded.people, conversations = excluded.conversations,
      deleted = excluded.deleted
    returning post_id`)
  await refreshMeasureUnits(
    tx,
    written.rows.map((r) => r.post_id),
  )
}
