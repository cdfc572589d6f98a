/** Lease names of the listening sources: each is consumed by one process, from its own cursor. */
export const JETSTREAM_SOURCE = 'jetstream'

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
