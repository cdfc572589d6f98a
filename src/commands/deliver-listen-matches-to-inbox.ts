import { randomUUID } from 'node:crypto'
import { plainText } from '../core/inbox/plain-text.ts'
import { routeItem } from '../core/inbox/routing-rules.ts'
import { triage } from '../core/inbox/triage.ts'
import { blueskyPostUrl } from '../core/listen/match-origin.ts'
import { eventNetwork, type ListenEvent } from '../networks/listen/source.ts'
import type { Database, Db } from '../store/connect.ts'
import { findInboxItemsByKeys } from '../store/queries/find-inbox-items-by-keys.ts'
import type { ListenTarget } from '../store/queries/load-listen-targets.ts'
import { loadRoutingRules } from '../store/queries/routing-rules.ts'
import { recordAudit } from '../store/record-audit.ts'
import { announceInboxChange } from './announce-inbox-change.ts'
import { applyRouting, type ItemRow, insertItems } from './ingest-inbox-events.ts'

/** A matched post and the search (or crisis watch) that matched it. */
export type InboxMatch = {
  target: Pick<ListenTarget, 'id' | 'workspaceId' | 'name' | 'inbox'>
  event: ListenEvent
}

/** A person who sent matches by hand: their items are audited as theirs. */
export type SentBy = { userId: string; ip?: string }

/**
 * Matches become inbox items of source 'listening', classified and routed by the workspace's
 * rules like any other item, with the network the post came from. A match belongs to the
 * search's workspace, not to an account. One item per post and workspace (dedupe key: the
 * post's URI), whichever search matched it first, so a post already there is not added twice.
 * The listener delivers the matches of searches that feed the inbox; a person (`sentBy`) sends
 * any, each new item audited in the same transaction. Answers each post's item.
 */
export async function deliverListenMatchesToInbox(
  database: Database,
  matches: readonly InboxMatch[],
  sentBy?: SentBy,
): Promise<Array<{ itemId: string; created: boolean }>> {
  // Items are inserted per workspace and network (feed items have none).
  const groups = new Map<string, InboxMatch[]>()
  for (const match of matches) {
    if (!sentBy && !match.target.inbox) continue
    const key = `${match.target.workspaceId}|${eventNetwork(match.event) ?? ''}`
    const list = groups.get(key)
    if (list) list.push(match)
    else groups.set(key, [match])
  }
  const delivered: Array<{ itemId: string; created: boolean }> = []
  for (const group of groups.values()) {
    const first = group[0]
    if (!first) continue
    const workspaceId = first.target.workspaceId
    const network = eventNetwork(first.event)
    const rules = await loadRoutingRules(database.db, workspaceId)
    const rows = new Map<string, ItemRow & { searchId: string }>()
    for (const { target, event } of group) {
      if (rows.has(event.uri)) continue
      const text = plainText(event.post.text)
      const triaged = triage(text)
      const routing = routeItem(rules, {
        accountId: null,
        network,
        kind: triaged.kind,
        sentiment: triaged.sentiment,
        text,
        personId: null,
        follower: false,
        source: 'listening',
      })
      const routed = applyRouting(triaged, routing)
      rows.set(event.uri, {
        id: randomUUID(),
        searchId: target.id,
        dedupeKey: `listening:${event.uri}`,
        eventKind: 'post',
        uri: event.uri,
        url: event.url ?? blueskyPostUrl(event.did, event.rkey),
        text,
        subjectUri: null,
        conversationKey: event.uri,
        authorId: null,
        createdAt: new Date(Math.floor(event.timeUs / 1_000)).toISOString(),
        ...routed,
        tags: [...new Set([...routed.tags, target.name])],
      })
    }
    const inserted = await database.db.transaction(async (tx) => {
      // insertItems only runs `execute`, which the transaction has as well.
      const ids = await insertItems(
        { ...database, db: tx as unknown as Db },
        { id: null, workspaceId, network },
        [...rows.values()],
        { source: 'listening' },
      )
      if (sentBy) {
        for (const row of rows.values()) {
          if (!ids.includes(row.id)) continue
          await recordAudit(tx, {
            action: 'inbox.item_added',
            workspaceId,
            actorUserId: sentBy.userId,
            targetType: 'inbox_item',
            targetId: row.id,
            data: { from: 'listening', searchId: row.searchId, uri: row.uri },
            ip: sentBy.ip,
          })
        }
      }
      return new Set(ids)
    })
    await announceInboxChange(database, workspaceId, [...inserted])
    const missing = [...rows.values()].filter((row) => !inserted.has(row.id))
    const existing = await findInboxItemsByKeys(
      database.db,
      workspaceId,
      missing.map((row) => row.dedupeKey),
    )
    for (const row of rows.values()) {
      if (inserted.has(row.id)) delivered.push({ itemId: row.id, created: true })
      else {
        const itemId = existing.get(row.dedupeKey)
        if (itemId) delivered.push({ itemId, created: false })
      }
    }
  }
  return delivered
}
