import { type AppBskyFeedDefs, AtpAgent, AtUri, ids, RichText } from '@atproto/api'
import { vi } from 'vitest'
import {
  type BlueskyAdapterOptions,
  type BlueskyCredentials,
  createBlueskyAdapter,
} from '../../src/networks/bluesky/index.ts'
import type { ContractActor, ContractHarness } from '../../src/networks/contract-suite.ts'
import type { AccountSession } from '../../src/networks/types.ts'
import { atprotoNetwork, createTestAccount, type TestAccount } from './atproto-network.ts'
import { listPostRecords } from './atproto-records.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'

export type SavedSession = AccountSession<BlueskyCredentials> & {
  /** Every set of credentials the adapter asked to store, oldest first. */
  saved: BlueskyCredentials[]
  account: TestAccount
}

/**
 * Connects a new local account through the adapter (handle → DID → PDS, app password), then
 * points it at `proxy` so a test can break its requests.
 */
export async function connectThroughProxy(
  proxy: FaultProxy,
  name = 'sous',
  options: BlueskyAdapterOptions = {},
): Promise<SavedSession> {
  const network = await atprotoNetwork()
  const account = await createTestAccount(name)
  const adapter = createBlueskyAdapter({ plcUrl: network.plc, ...options })
  const credentials = await adapter.connect({
    identifier: account.handle,
    appPassword: account.appPassword,
    service: network.pds,
  })
  const saved: BlueskyCredentials[] = []
  return {
    credentials: { ...credentials, service: proxy.url },
    saveCredentials: async (next) => {
      saved.push(next)
    },
    saved,
    account,
  }
}

/** Another account acting with the peer's own client (@atproto/api), never through Sous. */
export async function blueskyActor(
  target: TestAccount,
): Promise<ContractActor & { account: TestAccount }> {
  const account = await createTestAccount('actor')
  const agent = account.agent
  const strongRef = async (uri: string) => {
    const at = new AtUri(uri)
    const { data } = await agent.com.atproto.repo.getRecord({
      repo: at.hostname,
      collection: at.collection,
      rkey: at.rkey,
    })
    return { uri: data.uri, cid: data.cid ?? '' }
  }
  const post = async (text: string, extra: Record<string, unknown> = {}) => {
    const rich = new RichText({ text })
    await rich.detectFacets(agent)
    const { uri } = await agent.post({ text: rich.text, facets: rich.facets, ...extra })
    return uri
  }
  return {
    id: account.did,
    account,
    mention: (text) => post(`@${target.handle} ${text}`),
    reply: async (uri, text) => {
      const parent = await strongRef(uri)
      return post(text, { reply: { root: parent, parent } })
    },
    quote: async (uri, text) =>
      post(text, { embed: { $type: ids.AppBskyEmbedRecord, record: await strongRef(uri) } }),
    follow: async () => {
      await agent.follow(target.did)
    },
    like: async (uri) => {
      const { cid } = await strongRef(uri)
      await agent.like(uri, cid)
    },
    repost: async (uri) => {
      const { cid } = await strongRef(uri)
      await agent.repost(uri, cid)
    },
  }
}

/** A plain client on the PDS, past the proxy: what the peer itself holds. */
export async function directAgent(): Promise<AtpAgent> {
  return new AtpAgent({ service: (await atprotoNetwork()).pds })
}

export async function readPost(uri: string): Promise<{ text: string } | null> {
  const at = new AtUri(uri)
  const agent = await directAgent()
  try {
    const { data } = await agent.com.atproto.repo.getRecord({
      repo: at.hostname,
      collection: at.collection,
      rkey: at.rkey,
    })
    return { text: String((data.value as { text?: unknown }).text ?? '') }
  } catch (error) {
    if ((error as { error?: string }).error === 'RecordNotFound') return null
    throw error
  }
}

/** The post as the AppView shows it, once indexed (polled, never slept). */
export async function indexedPost(
  uri: string,
  timeout = 15_000,
): Promise<AppBskyFeedDefs.PostView> {
  const appview = new AtpAgent({ service: (await atprotoNetwork()).appview })
  return vi.waitFor(
    async () => {
      const { data } = await appview.app.bsky.feed.getPosts({ uris: [uri] })
      const [post] = data.posts
      if (!post) throw new Error(`the AppView has not indexed ${uri} yet`)
      return post
    },
    { timeout, interval: 50 },
  )
}

export async function countPostRecords(did: string): Promise<number> {
  return (await listPostRecords(await directAgent(), did)).length
}

/** The contract harness for Bluesky against the local AT Protocol network. */
export async function createBlueskyHarness(): Promise<ContractHarness<BlueskyCredentials>> {
  const network = await atprotoNetwork()
  const proxy = await startFaultProxy(network.pds)
  const adapter = createBlueskyAdapter({ plcUrl: network.plc })
  const session = await connectThroughProxy(proxy)
  const otherActor = await blueskyActor(session.account)
  return {
    adapter,
    session,
    newSession: () => connectThroughProxy(proxy),
    otherActor,
    proxy,
    publishRoute: `/xrpc/${ids.ComAtprotoRepoCreateRecord}`,
    readBack: readPost,
    awaitIndexed: async (uri) => {
      await indexedPost(uri)
    },
    countPosts: (s) => countPostRecords(s.credentials.did),
    close: () => proxy.close(),
  }
}
