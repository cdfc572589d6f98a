import { createBlueskyHarness } from '../../../test/peers/bluesky-harness.ts'
import { describeNetworkContract } from '../contract-suite.ts'

// Against a real local AT Protocol network (PLC + PDS + AppView from @atproto/dev-env).
describeNetworkContract('Bluesky', createBlueskyHarness)
