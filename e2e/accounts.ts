import { randomUUID } from 'node:crypto'
import { sealCredentials } from '../src/security/seal-credentials.ts'
import { accounts } from '../src/store/schema/index.ts'
import { TEST_SECRET } from '../test/app.ts'
import type { RunningSous } from './start-sous.ts'

/**
 * A Bluesky account row, as connecting one leaves it, for pages that only read it (the
 * composer counts by its rule); nothing is published through it: there is no PDS behind it.
 */
export async function addBlueskyAccount(sous: RunningSous, workspaceId: string, handle: string) {
  const id = randomUUID()
  const did = `did:plc:${id.replaceAll('-', '').slice(0, 24)}`
  await sous.database.db.insert(accounts).values({
    id,
    workspaceId,
    network: 'bluesky',
    networkAccountId: did,
    handle,
    displayName: handle,
    url: `https://bsky.app/profile/${handle}`,
    service: 'https://pds.invalid',
    credentials: sealCredentials(TEST_SECRET, { workspaceId, accountId: id }, { did, handle }),
  })
  return id
}
