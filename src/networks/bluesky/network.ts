import { blueskyCapabilities } from './capabilities.ts'

/** What generic code uses of the adapter without waiting: the rest loads on a first call (../lazy-adapter.ts). */
export const blueskyNetwork = {
  id: 'bluesky',
  displayName: 'Bluesky',
  capabilities: blueskyCapabilities,
  capabilitiesFor: () => blueskyCapabilities,
}
