import {
  createLiveHarness,
  liveInstanceFromEnv,
} from '../../../test/peers/mastodon-live-harness.ts'
import { describeNetworkContract } from '../contract-suite.ts'

// The same contract against a real instance, named by the environment (read in test/).
const { url, token, otherToken } = liveInstanceFromEnv()
const behindProxy = url?.startsWith('http:') ?? false
const noProxy =
  'the fault proxy speaks plain HTTP and cannot front an https instance (use an http:// development instance)'
const noOther = 'MASTODON_OTHER_TOKEN not set: a second account on the instance has to act'

describeNetworkContract(
  'Mastodon (live instance)',
  () => createLiveHarness({ url: url ?? '', token: token ?? '', otherToken }),
  {
    skipAll:
      url && token
        ? undefined
        : 'MASTODON_URL and MASTODON_TOKEN not set: live Mastodon suite needs a real instance',
    skip: {
      ...(behindProxy
        ? {}
        : {
            'lost-response': noProxy,
            'reset-before-send': noProxy,
            'auth-expired': noProxy,
            'rate-limited': noProxy,
            'server-error': noProxy,
          }),
      ...(otherToken ? {} : { 'inbox-paging': noOther, engagement: noOther, follow: noOther }),
    },
    skipInboxKinds: {
      quote: "quotes need Mastodon ≥ 4.5 and the quoted author's quote policy to allow them",
    },
    settleMs: 20_000,
  },
)
