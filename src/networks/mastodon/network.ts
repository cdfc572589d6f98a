import { authorizationUrl } from './authorize.ts'
import { capabilitiesFromLimits, mastodonDefaultCapabilities } from './capabilities.ts'
import type { MastodonCredentials } from './credentials.ts'

/** What generic code uses of the adapter without waiting: the rest loads on a first call (../lazy-adapter.ts). */
export const mastodonNetwork = {
  id: 'mastodon',
  displayName: 'Mastodon',
  capabilities: mastodonDefaultCapabilities,
  capabilitiesFor: (credentials: MastodonCredentials) => capabilitiesFromLimits(credentials.limits),
  authorizationUrl,
}
