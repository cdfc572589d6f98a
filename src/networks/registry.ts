import type { Config } from '../config.ts'
import { createSafeFetch } from '../security/create-safe-fetch.ts'
import type { BlueskyAdapter } from './bluesky/index.ts'
import { blueskyNetwork } from './bluesky/network.ts'
import { lazyAdapter } from './lazy-adapter.ts'
import {
  fetchCardImage,
  fetchLinkPreview,
  type LinkPreview,
} from './link-preview/fetch-link-preview.ts'
import type { MastodonAdapter } from './mastodon/index.ts'
import { mastodonNetwork } from './mastodon/network.ts'
import type { NetworkAdapter } from './types.ts'

export type NetworkRegistry = {
  bluesky: BlueskyAdapter
  mastodon: MastodonAdapter
  /** A link's card (Open Graph), fetched through the SSRF guard. */
  linkPreview: (url: string) => Promise<LinkPreview>
  /** A card's image by its address, through the SSRF guard; undefined when it cannot be had. */
  cardImage: (
    url: string,
    maxBytes?: number,
  ) => Promise<{ bytes: Uint8Array; mimeType: string } | undefined>
  /** Generic code reaches an adapter by the network id stored on the account, never by branching. */
  adapterFor: (network: string) => NetworkAdapter<unknown>
  /** Every network id `adapterFor` knows. */
  networkIds: readonly string[]
}

/**
 * Every network Sous speaks. All of them fetch through the SSRF guard: PDS and instance
 * addresses are user-supplied. Adding a network is adding its folder and one line here.
 */
export function createNetworkRegistry(
  config: Pick<Config, 'allowPrivateNetwork' | 'blueskyPlcUrl'>,
): NetworkRegistry {
  const fetch = createSafeFetch({ allowPrivateNetwork: config.allowPrivateNetwork })
  const bluesky = lazyAdapter<BlueskyAdapter>(blueskyNetwork, async () =>
    (await import('./bluesky/index.ts')).createBlueskyAdapter({
      fetch,
      plcUrl: config.blueskyPlcUrl,
    }),
  )
  const mastodon = lazyAdapter<MastodonAdapter>(mastodonNetwork, async () =>
    (await import('./mastodon/index.ts')).createMastodonAdapter({
      fetch,
      allowPrivateNetwork: config.allowPrivateNetwork,
    }),
  )
  // Credentials are opaque to generic code: it only hands back what the same adapter stored.
  const adapters = { bluesky, mastodon } as unknown as Record<string, NetworkAdapter<unknown>>
  return {
    bluesky,
    mastodon,
    linkPreview: (url) => fetchLinkPreview(url, fetch),
    cardImage: (url, maxBytes) => fetchCardImage(url, fetch, maxBytes),
    adapterFor: (network) => {
      const adapter = adapters[network]
      if (!adapter) throw new Error(`No adapter for network "${network}"`)
      return adapter
    },
    networkIds: Object.keys(adapters),
  }
}
