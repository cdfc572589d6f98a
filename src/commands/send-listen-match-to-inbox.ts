import { randomUUID } from 'node:crypto'
import { NotFoundError } from '../core/errors.ts'
import { plainText } from '../core/inbox/plain-text.ts'
import { routeItem } from '../core/inbox/routing-rules.ts'
import { triage } from '../core/inbox/triage.ts'
import type { Database, Db } from '../store/connect.ts'
import { findInboxItemByKey } from '../store/queries/find-inbox-item-by-key.ts'
import { listSavedSearches } from '../store/queries/list-saved-searches.ts'
import { readListenMatch } from '../store/queries/read-listen-match.ts'
import { loadRoutingRules } from '../store/queries/routing-rules.ts'
import { recordAudit } from '../store/record-audit.ts'
import { announceInboxChange } from './announce-inbox-change.ts'
import { applyRouting, insertItems } from './ingest-inbox-events.ts'

/**
 * A person sends one match to the inbox (its search may not feed the inbox, or it is crisis
 * watch's): it becomes a listening item, classified and routed like those the listener
 * delivers, under the same dedupe key — so a post already there is not added twice.
 */
export async function sendListenMatchToInbox(
  database: Database,
  input: { workspaceId: string; searchId: string; matchId: string; userId: string; ip?: string },
): Promise<{ itemId: string; created: boolean }> {
  const { db } = database
  const match = await readListenMatch(db, input)
  if (!match) throw new NotFoundError('That match')
  const [search] = await listSavedSearches(db, input.workspaceId, { only: input.searchId })
  const rules = await loadRoutingRules(db, input.workspaceId)
  const text = plainText(match.text)
  const triaged = triage(text)
  const routed = applyRouting(
    triaged,
    routeItem(rules, {
      accountId: null,
      network: 'bluesky',
      kind: triaged.kind,
      sentiment: triaged.sentiment,
      text,
      personId: null,
      follower: false,
      source: 'listening',
    }),
  )
  const dedupeKey = `listening:${match.uri}`
  const created = await db.transaction(async (tx) => {
    // insertItems only runs `execute`, which the transaction has as well.
    const inserted = await insertItems(
      { ...database, db: tx as unknown as Db },
      { id: null, workspaceId: input.workspaceId, network: 'bluesky' },
      [
        {
          id: randomUUID(),
          dedupeKey,
          eventKind: 'post',
          uri: match.uri,
          url: `https://bsky.app/profile/${match.did}/post/${match.rkey}`,
          text,
          subjectUri: null,
          conversationKey: match.uri,
          authorId: null,
          createdAt: match.postedAt.toISOString(),
          ...routed,
          tags: [...new Set([...routed.tags, search?.name ?? 'Crisis watch'])],
        },
      ],
      { source: 'listening' },
    )
    if (inserted[0]) {
      await recordAudit(tx, {
        action: 'inbox.item_added',
        workspaceId: input.workspaceId,
        actorUserId: input.userId,
        targetType: 'inbox_item',
        targetId: inserted[0],
        data: { from: 'listening', searchId: input.searchId, uri: match.uri },
        ip: input.ip,
      })
    }
    return inserted[0]
  })
  if (created) {
    await announceInboxChange(database, input.workspaceId, [created])
    return { itemId: created, created: true }
  }
  const itemId = await findInboxItemByKey(db, input.workspaceId, dedupeKey)
  if (!itemId) throw new Error('the inbox item neither inserted nor found')
  return { itemId, created: false }
}
