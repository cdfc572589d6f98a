import type { Config } from '../config.ts'
import { firehoseSource } from '../networks/firehose/firehose-consumer.ts'
import { jetstreamSource } from '../networks/jetstream/jetstream-consumer.ts'
import type { ListenSource } from '../networks/listen/source.ts'

export type ListenSourcesConfig = Pick<Config, 'jetstreamUrl'> &
  Partial<Pick<Config, 'blueskyFirehoseUrl' | 'blueskyPlcUrl'>>

/** Bluesky: the verified firehose of a relay or PDS when one is set, else Jetstream. */
export function blueskySource(config: ListenSourcesConfig): ListenSource {
  return config.blueskyFirehoseUrl
    ? firehoseSource({
        url: config.blueskyFirehoseUrl,
        plcUrl: config.blueskyPlcUrl ?? 'https://plc.directory',
      })
    : jetstreamSource({ url: config.jetstreamUrl })
}
