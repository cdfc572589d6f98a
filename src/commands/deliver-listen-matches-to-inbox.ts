import { randomUUID } from 'node:crypto'
import { plainText } from '../core/inbox/plain-text.ts'
import { routeItem } from '../core/inbox/routing-rules.ts'
import { triage } from '../core/inbox/triage.ts'
import type { Database } from '../store/connect.ts'
import { loadRoutingRules } from '../store/queries/routing-rules.ts'
import { announceInboxChange } from './announce-inbox-change.ts'
import { applyRouting, type ItemRow, insertItems } from './ingest-inbox-events.ts'
import type { RecordedMatches } from './record-listen-matches.ts'

/**
 * Newly stored matches of searches that feed the inbox become inbox items of source
 * 'listening', classified and routed by the workspace's rules like any other item. A match
 * belongs to the search's workspace, not to an account. One item per post and workspace
 * (dedupe key: the post's URI), whichever of its searches matched it first.
 */
export async function deliverListenMatchesToInbox(
  database: Database,
  stored: RecordedMatches['stored'],
): Promise<string[]> {
  // Items are inserted per workspace and network (feed items have none).
  const groups = new Map<string, RecordedMatches['stored']>()
  for (const match of stored) {
    if (!match.target.inbox) continue
    const key = `${match.target.workspaceId}|${networkOf(match.event) ?? ''}`
    const list = groups.get(key)
    if (list) list.push(match)
    else groups.set(key, [match])
  }
  const itemIds: string[] = []
  for (const matches of groups.values()) {
    const first = matches[0]
    if (!first) continue
    const workspaceId = first.target.workspaceId
    const network = networkOf(first.event)
    const rules = await loadRoutingRules(database.db, workspaceId)
    const rows = new Map<string, ItemRow>()
    for (const { target, event } of matches) {
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
        dedupeKey: `listening:${event.uri}`,
        eventKind: 'post',
        uri: event.uri,
        url: event.url ?? `https://bsky.app/profile/${event.did}/post/${event.rkey}`,
        text,
        subjectUri: null,
        conversationKey: event.uri,
        authorId: null,
        createdAt: new Date(Math.floor(event.timeUs / 1_000)).toISOString(),
        ...routed,
        tags: [...new Set([...routed.tags, target.name])],
      })
    }
    const inserted = await insertItems(
      database,
      { id: null, workspaceId, network },
      [...rows.values()],
      { source: 'listening' },
    )
    await announceInboxChange(database, workspaceId, inserted)
    itemIds.push(...inserted)
  }
  return itemIds
}

function networkOf(event: RecordedMatches['stored'][number]['event']): string | null {
  return event.network === undefined ? 'bluesky' : event.network
}
