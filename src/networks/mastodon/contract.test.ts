import { createMastodonFakeHarness } from '../../../test/peers/mastodon-harness.ts'
import { describeNetworkContract } from '../contract-suite.ts'

// Against the Mastodon contract fake (test/peers/mastodon-fake), behind the fault proxy, in
// both of its modes: as Mastodon behaves, and as the strictest server that speaks its API
// (a schema-validating one, with its own limits and paging); the same contract runs against
// a real instance in live.test.ts.
describeNetworkContract('Mastodon (contract fake)', () => createMastodonFakeHarness())
describeNetworkContract('Mastodon (strict contract fake)', () =>
  createMastodonFakeHarness({ strict: true }),
)
