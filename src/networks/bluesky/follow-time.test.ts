import { TID } from '@atproto/common-web'
import { describe, expect, it } from 'vitest'
import { followedAtFrom } from './follow-time.ts'
import { recordKeyFor } from './record-key.ts'

const follow = (rkey: string) => `at://did:plc:fan/app.bsky.graph.follow/${rkey}`
const now = Date.parse('2026-12-01T11:00:00Z')

describe('when a Bluesky follower followed', () => {
  it('is the time in the follow record’s key', () => {
    const rkey = TID.fromTime(Date.parse('2026-12-01T10:59:30.123Z') * 1000, 7).toString()
    expect(followedAtFrom(follow(rkey), now)).toBe('2026-12-01T10:59:30.123Z')
  })

  it('is unknown for a key that is no TID, a key in the future (derived, like Sous’s own), or no follow', () => {
    expect(followedAtFrom(follow('self'), now)).toBeUndefined()
    const future = TID.fromTime((now + 24 * 3_600_000) * 1000, 0).toString()
    expect(followedAtFrom(follow(future), now)).toBeUndefined()
    expect(followedAtFrom(undefined, now)).toBeUndefined()
    expect(followedAtFrom('not a uri', now)).toBeUndefined()
    const derived = recordKeyFor('follow did:plc:ours')
    const at = followedAtFrom(follow(derived), now)
    if (at) expect(Date.parse(at)).toBeLessThanOrEqual(now)
  })
})
