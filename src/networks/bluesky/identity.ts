import type { AccountIdentity } from '../types.ts'
import type { BlueskyClient } from './client.ts'
import { profileUrl } from './profiles.ts'

/** Whether the credentials still open a session, and who the account is now. */
export async function verifyAccount(client: BlueskyClient): Promise<AccountIdentity> {
  const { data: session } = await client.run('read', (agent) =>
    agent.com.atproto.server.getSession(),
  )
  // The AppView indexes new accounts late ("Profile not found"); the session alone proves
  // the credentials, so a missing profile only leaves the display name empty.
  const profile = await client
    .run('read', (agent) => agent.app.bsky.actor.getProfile({ actor: session.did }))
    .then(({ data }) => data)
    .catch(() => undefined)
  return {
    id: session.did,
    handle: session.handle,
    displayName: profile?.displayName ?? '',
    url: profileUrl(session.handle),
  }
}
