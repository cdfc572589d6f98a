import type { Config } from '../config.ts'
import { jetstreamSource } from '../networks/jetstream/jetstream-consumer.ts'
import type { ListenSource } from '../networks/listen/source.ts'
import type { Db } from '../store/connect.ts'
import type { ListenTarget } from '../store/queries/load-listen-targets.ts'
import { feedItemsSource } from './feed-items-source.ts'
import { type MastodonListening, mastodonListenSources } from './mastodon-listen-source.ts'

export type ListenSourcesConfig = Pick<Config, 'jetstreamUrl'> &
  Partial<Pick<Config, 'blueskyFirehoseUrl' | 'blueskyPlcUrl'>>

/**
 * Bluesky: the verified firehose of a relay or PDS when one is set, else Jetstream.
 * @atproto/sync (~30 MB of heap) is loaded only when the firehose is the one chosen.
 */
export async function blueskySource(config: ListenSourcesConfig): Promise<ListenSource> {
  if (!config.blueskyFirehoseUrl) return jetstreamSource({ url: config.jetstreamUrl })
  const { firehoseSource } = await import('../networks/firehose/firehose-consumer.ts')
  return firehoseSource({
    url: config.blueskyFirehoseUrl,
    plcUrl: config.blueskyPlcUrl ?? 'https://plc.directory',
  })
}

/**
 * The sources the active targets need: Bluesky always, each Mastodon instance a workspace
 * with targets has an account on (when `mastodon` is given), the workspaces' feed items while
 * a search opted in to them.
 */
export function listenSourcesFor(
  db: Db,
  config: ListenSourcesConfig,
  mastodon?: MastodonListening,
): (targets: ListenTarget[]) => Promise<ListenSource[]> {
  return async (targets) => [
    await blueskySource(config),
    ...(mastodon ? await mastodonListenSources(db, mastodon, targets) : []),
    ...(targets.some((t) => t.feeds) ? [feedItemsSource(db)] : []),
  ]
}
