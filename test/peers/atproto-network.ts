import { AtpAgent } from '@atproto/api'
import { inject } from 'vitest'
import {
  type AtprotoNetwork,
  INSTALL_HINT,
  launchOnce,
  type NetworkRun,
  peerInstalled,
  waitForNetwork,
} from './atproto-launch.ts'

export type { AtprotoNetwork } from './atproto-launch.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's local AT Protocol network (see atproto-global-setup.ts). */
    atproto: NetworkRun
  }
}

let network: Promise<AtprotoNetwork> | undefined

/**
 * The run's one local network (PLC + PDS + AppView), started by the first test file that
 * asks, waiting until it is up. A missing install fails with the command that fixes it.
 */
export function atprotoNetwork(): Promise<AtprotoNetwork> {
  network ??= start(inject('atproto'))
  return network
}

async function start(run: NetworkRun): Promise<AtprotoNetwork> {
  if (!run.external) {
    if (!peerInstalled()) throw new Error(INSTALL_HINT)
    await launchOnce(run)
  }
  return waitForNetwork(run)
}

export type TestAccount = {
  /** The peer's own client, logged in with the account password: acts without Sous. */
  agent: AtpAgent
  did: string
  handle: string
  appPassword: string
}

let accounts = 0

/** A new account on the local PDS with an app password, made through the peer's own client. */
export async function createTestAccount(name = 'user'): Promise<TestAccount> {
  const { pds } = await atprotoNetwork()
  const unique =
    `${name}${process.pid.toString(36)}${(accounts++).toString(36)}${Math.random().toString(36).slice(2, 6)}`
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 18)
  const handle = `${unique}.test`
  const agent = new AtpAgent({ service: pds })
  await agent.createAccount({
    handle,
    email: `${unique}@example.com`,
    password: 'account-password',
  })
  const { data } = await agent.com.atproto.server.createAppPassword({ name: 'sous' })
  return { agent, did: agent.assertDid, handle, appPassword: data.password }
}
