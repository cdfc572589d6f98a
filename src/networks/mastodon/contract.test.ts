import { createMastodonFakeHarness } from '../../../test/peers/mastodon-harness.ts'
import { describeNetworkContract } from '../contract.ts'

// Against the Mastodon contract fake (test/peers/mastodon-fake), behind the fault proxy; the
// same contract runs against a real instance in live.test.ts.
describeNetworkContract('Mastodon (contract fake)', () => createMastodonFakeHarness())
