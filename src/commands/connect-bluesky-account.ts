import type { BlueskyAdapter } from '../networks/bluesky/index.ts'
import { nameNetwork } from '../networks/name-network.ts'
import type { Database } from '../store/connect.ts'
import { connectAccount } from './connect-account.ts'

/**
 * Connects (or reconnects) a Bluesky account with an app password: the PDS signs in and
 * says who the account is, then the account and its sealed session are stored.
 */
export async function connectBlueskyAccount(
  database: Database,
  secret: Buffer,
  bluesky: BlueskyAdapter,
  input: {
    workspaceId: string
    userId: string
    identifier: string
    appPassword: string
    service?: string
    ip?: string
  },
) {
  const credentials = await nameNetwork('Bluesky', () =>
    bluesky.connect({
      identifier: input.identifier,
      appPassword: input.appPassword,
      ...(input.service ? { service: input.service } : {}),
    }),
  )
  const identity = await nameNetwork('Bluesky', () =>
    bluesky.verify({ credentials, saveCredentials: async () => {} }),
  )
  return connectAccount(database, secret, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    network: 'bluesky',
    service: credentials.service,
    identity,
    credentials,
    ip: input.ip,
  })
}
