import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AtprotoNetwork,
  atprotoNetwork,
  createTestAccount,
} from '../../../test/peers/atproto-network.ts'
import { connectThroughProxy } from '../../../test/peers/bluesky-harness.ts'
import { type FaultProxy, startFaultProxy } from '../../../test/peers/fault-proxy.ts'
import { failureOf } from '../contract-suite.ts'
import { createBlueskyAdapter } from './index.ts'

let network: AtprotoNetwork
let proxy: FaultProxy
const key = () => `auth-${randomUUID()}`

beforeAll(async () => {
  network = await atprotoNetwork()
  proxy = await startFaultProxy(network.pds)
})
afterAll(async () => {
  await proxy?.close()
})

describe('connecting a Bluesky account', () => {
  it('resolves the handle to a DID, the DID to its PDS, and opens a session with the app password', async () => {
    const account = await createTestAccount('connect')
    const adapter = createBlueskyAdapter({ plcUrl: network.plc })
    const credentials = await adapter.connect({
      identifier: `@${account.handle.toUpperCase()}`,
      appPassword: account.appPassword,
      service: network.pds,
    })
    expect(credentials).toMatchObject({
      service: network.pds,
      did: account.did,
      handle: account.handle,
      appPassword: account.appPassword,
    })
    expect(credentials.accessJwt).toBeTruthy()
    expect(credentials.refreshJwt).toBeTruthy()
    const byDid = await adapter.connect({
      identifier: account.did,
      appPassword: account.appPassword,
      service: network.pds,
    })
    expect(byDid.did).toBe(account.did)
    const identity = await adapter.verify({ credentials, saveCredentials: async () => {} })
    expect(identity).toMatchObject({ id: account.did, handle: account.handle })
  })

  it('says which part was refused: the password, the handle, the host', async () => {
    const account = await createTestAccount('refused')
    const adapter = createBlueskyAdapter({ plcUrl: network.plc })
    const wrongPassword = await failureOf(
      adapter.connect({
        identifier: account.handle,
        appPassword: 'aaaa-bbbb-cccc-dddd',
        service: network.pds,
      }),
    )
    expect(wrongPassword.kind).toBe('auth_expired')
    expect(wrongPassword.kind === 'auth_expired' && wrongPassword.message).toMatch(
      /refused the identifier or app password/,
    )
    const unknown = await failureOf(
      adapter.connect({ identifier: 'nobody-here.test', appPassword: 'x', service: network.pds }),
    )
    expect(unknown).toEqual({
      kind: 'rejected',
      reason: `${network.pds} knows no account with the handle @nobody-here.test`,
    })
    const notAHandle = await failureOf(
      adapter.connect({ identifier: 'not a handle', appPassword: 'x', service: network.pds }),
    )
    expect(notAHandle.kind).toBe('rejected')
    const closed = await startFaultProxy(network.pds)
    await closed.close()
    const unreachable = await failureOf(
      adapter.connect({ identifier: account.handle, appPassword: 'x', service: closed.url }),
    )
    expect(unreachable.kind).toBe('transient')
    const notAPds = await failureOf(
      adapter.connect({ identifier: account.handle, appPassword: 'x', service: network.plc }),
    )
    expect(notAPds).toEqual({
      kind: 'rejected',
      reason: `${network.plc} does not answer as a Bluesky server (PDS): check the address`,
    })
  })
})

describe('keeping the session alive', () => {
  it('refreshes a refused access token once, saves the new tokens and uses them', async () => {
    const session = await connectThroughProxy(proxy, 'refresh')
    const adapter = createBlueskyAdapter()
    const original = session.credentials
    session.credentials = { ...original, accessJwt: 'expired' }
    await Promise.all([
      adapter.publish(session, { idempotencyKey: key(), text: 'after a refresh' }),
      adapter.readInbox(session),
      adapter.verify(session),
    ])
    expect(session.saved).toHaveLength(1)
    expect(session.saved[0]?.refreshJwt).not.toBe(original.refreshJwt)
    expect(session.credentials).toEqual(session.saved[0])
    proxy.reset()
    await adapter.readInbox(session)
    expect(proxy.requests.map((request) => request.path)).not.toContainEqual(
      expect.stringContaining('refreshSession'),
    )
  })

  it('logs in again with the app password when the refresh token is refused too', async () => {
    const session = await connectThroughProxy(proxy, 'relogin')
    const adapter = createBlueskyAdapter()
    session.credentials = { ...session.credentials, accessJwt: 'expired', refreshJwt: 'revoked' }
    await adapter.publish(session, { idempotencyKey: key(), text: 'after a new login' })
    expect(session.saved).toHaveLength(1)
    expect(session.saved[0]?.refreshJwt).not.toBe('revoked')
  })

  it('is auth_expired once the access token expired and the app password was revoked', async () => {
    const session = await connectThroughProxy(proxy, 'revoked')
    const adapter = createBlueskyAdapter()
    await session.account.agent.com.atproto.server.revokeAppPassword({ name: 'sous' })
    // Access tokens stay valid until they expire; revoking ends the refresh token and the password.
    session.credentials = { ...session.credentials, accessJwt: 'expired' }
    const failure = await failureOf(
      adapter.publish(session, { idempotencyKey: key(), text: 'too late' }),
    )
    expect(failure.kind).toBe('auth_expired')
    expect(failure.kind === 'auth_expired' && failure.message).toMatch(/reconnect/)
    expect(session.saved).toEqual([])
  })

  it('does not call an unreachable PDS a refusal', async () => {
    const session = await connectThroughProxy(proxy, 'flaky')
    const adapter = createBlueskyAdapter()
    session.credentials = { ...session.credentials, accessJwt: 'expired' }
    proxy.script({ match: 'refreshSession', fault: { kind: 'status', status: 502 } })
    expect(await failureOf(adapter.readInbox(session))).toMatchObject({ kind: 'transient' })
    proxy.reset()
    expect(session.saved).toEqual([])
  })
})
