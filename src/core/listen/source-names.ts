/** Lease names of the listening sources: each is consumed by one process, from its own cursor. */
export const JETSTREAM_SOURCE = 'jetstream'

/** New items of every workspace's feeds: one source, each item matched for its own workspace. */
export const FEEDS_SOURCE = 'feeds'

/** The firehose's lease (and cursor) belongs to one service: another relay's `seq` means nothing. */
export function firehoseSourceName(url: string): string {
  return `bluesky-firehose:${new URL(url).host}`
}

/** Where Bluesky is read from: the verified firehose when one is set, else Jetstream. */
export function blueskySourceName(config: { blueskyFirehoseUrl?: string | undefined }): string {
  return config.blueskyFirehoseUrl
    ? firehoseSourceName(config.blueskyFirehoseUrl)
    : JETSTREAM_SOURCE
}

/** A Mastodon instance's public streams: one source (and cursor) per instance. */
export function mastodonListenSourceName(instance: string): string {
  return `mastodon:${new URL(instance).host}`
}

export const LISTEN_SOURCE_KINDS = ['bluesky', 'mastodon', 'feeds'] as const
export type ListenSourceKind = (typeof LISTEN_SOURCE_KINDS)[number]

/**
 * What a lease name reads, or null for a lease that is not a listening source (the inbox's
 * per-account streams share the table as `<network>-stream:<account>`).
 */
export function listenSourceKind(source: string): ListenSourceKind | null {
  if (source === JETSTREAM_SOURCE || source.startsWith('bluesky-firehose:')) return 'bluesky'
  if (source.startsWith('mastodon:')) return 'mastodon'
  if (source === FEEDS_SOURCE) return 'feeds'
  return null
}
