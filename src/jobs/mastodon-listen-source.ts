import { markAccountNeedsAttention } from '../commands/mark-account-needs-attention.ts'
import { openAccountSession } from '../commands/open-account-session.ts'
import { hashtagsOfQueries } from '../core/listen/query-hashtags.ts'
import { mastodonListenSourceName } from '../core/listen/source-names.ts'
import type { ListenSource } from '../networks/listen/source.ts'
import type { MastodonAdapter, MastodonCredentials } from '../networks/mastodon/index.ts'
import type { Db } from '../store/connect.ts'
import type { ListenTarget } from '../store/queries/load-listen-targets.ts'
import { streamAccounts } from '../store/queries/stream-accounts.ts'
import { workspaceAccount } from '../store/queries/workspace-account.ts'
import {
  type MastodonListenOptions,
  startMastodonListenConsumer,
} from './mastodon-listen-consumer.ts'

/** What listening needs to read Mastodon: the adapter and the key that opens account tokens. */
export type MastodonListening = {
  adapter: Pick<MastodonAdapter, 'openListenStream' | 'readListenTimeline'>
  secret: Buffer
  /** Tests: faster reconnects and smaller catch-up pages. */
  tuning?: Pick<MastodonListenOptions, 'retry' | 'pageSize' | 'catchUpPages'>
}

// Mastodon allows many subscriptions on one connection; this keeps Sous a polite client.
const MAX_TAGS = 100

/**
 * One source per Mastodon instance that a workspace has a connected account on: its local
 * timeline and a hashtag stream per `#tag` in that workspace's searches. Streaming needs a
 * user token, so the oldest working account there reads for the instance; its posts are
 * matched only for the workspaces with an account on it (one workspace's token never listens
 * for another).
 */
export async function mastodonListenSources(
  db: Db,
  mastodon: MastodonListening,
  targets: ListenTarget[],
): Promise<ListenSource[]> {
  const rows = await streamAccounts(db, 'mastodon')
  rows.sort((a, b) => a.account.createdAt.getTime() - b.account.createdAt.getTime())
  const instances = new Map<string, { reader: (typeof rows)[number]['account']; ws: Set<string> }>()
  for (const { account } of rows) {
    const known = instances.get(account.service)
    if (known) known.ws.add(account.workspaceId)
    else instances.set(account.service, { reader: account, ws: new Set([account.workspaceId]) })
  }
  const sources: ListenSource[] = []
  for (const [instance, { reader, ws }] of instances) {
    const served = targets.filter((t) => ws.has(t.workspaceId))
    if (served.length === 0) continue
    const tags = hashtagsOfQueries(served.flatMap((t) => t.queries))
      .sort()
      .slice(0, MAX_TAGS)
    sources.push({
      name: mastodonListenSourceName(instance),
      label: `Mastodon (${new URL(instance).host})`,
      signature: JSON.stringify([reader.id, [...ws].sort(), tags]),
      accepts: (target) => ws.has(target.workspaceId),
      start: (consumer) =>
        startMastodonListenConsumer({
          ...consumer,
          ...mastodon.tuning,
          instance,
          adapter: mastodon.adapter,
          subscription: { local: true, tags },
          // Re-read at each connect: the account may have been reconnected with a new token.
          session: async () =>
            openAccountSession<MastodonCredentials>(
              db,
              mastodon.secret,
              await workspaceAccount(db, reader.workspaceId, reader.id),
            ),
          onAuthExpired: (reason) =>
            markAccountNeedsAttention(db, { accountId: reader.id, reason }),
        }),
    })
  }
  return sources
}
