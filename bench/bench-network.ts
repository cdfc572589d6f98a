// An in-process network for the delivery benches: every publish takes `publishMs` and is
// recorded with its idempotency key, so a bench can count duplicates and lost deliveries.
import { setTimeout as sleep } from 'node:timers/promises'
import { mastodonDefaultCapabilities } from '../src/networks/mastodon/capabilities.ts'
import type { NetworkRegistry } from '../src/networks/registry.ts'
import type { NetworkAdapter, PublishedPost } from '../src/networks/types.ts'
import type { Database, Db } from '../src/store/connect.ts'
import { wallClockMs } from './recording-job.ts'

export const BENCH_NETWORK = 'bench'

/**
 * One publish: its key, when it started (wall clock, and the machine-wide monotonic clock) and
 * ended, and when the claim transaction that let it go was begun (monotonic), if known.
 */
export type Publish = {
  key: string
  startedAt: number
  startedMono: number
  endedAt: number
  claimBeganMono?: number
}

/** Milliseconds on CLOCK_MONOTONIC, which every process on the machine shares. */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6

export type BenchNetwork = {
  registry: NetworkRegistry
  publishes: Publish[]
  /** Called as each publish starts, with how many have started so far. */
  onPublish?: (count: number) => void
}

export function createBenchNetwork(publishMs: number): BenchNetwork {
  const network: BenchNetwork = { registry: undefined as unknown as NetworkRegistry, publishes: [] }
  const published = (key: string): PublishedPost => ({
    uri: `bench://post/${key}`,
    url: `https://bench.invalid/post/${key}`,
  })
  const adapter: NetworkAdapter<{ token: string }> = {
    id: BENCH_NETWORK,
    displayName: 'Bench',
    capabilities: mastodonDefaultCapabilities,
    capabilitiesFor: () => mastodonDefaultCapabilities,
    verify: async () => ({ id: 'bench', handle: 'bench', displayName: 'Bench', url: '' }),
    publish: async (_session, request) => {
      const publish = {
        key: request.idempotencyKey,
        startedAt: wallClockMs(),
        startedMono: monotonicMs(),
        endedAt: 0,
      }
      network.publishes.push(publish)
      network.onPublish?.(network.publishes.length)
      await sleep(publishMs)
      publish.endedAt = wallClockMs()
      return published(request.idempotencyKey)
    },
    // Never asked in these runs (nothing ends in an unknown outcome); answers from the record.
    findPublished: async (_session, key) =>
      network.publishes.some((p) => p.key === key) ? published(key) : null,
    deletePost: async () => {},
    readInbox: async () => ({ items: [] }),
    listFollowers: async () => ({ items: [] }),
    listFollows: async () => ({ items: [] }),
    readProfiles: async () => [],
    readEngagement: async () => [],
    follow: async () => {},
    unfollow: async () => {},
  }
  // Generic code only calls adapterFor; the registry's named adapters are never reached.
  network.registry = {
    adapterFor: () => adapter as NetworkAdapter<unknown>,
  } as unknown as NetworkRegistry
  return network
}

/** Publishes per key beyond the first, and keys expected but never published. */
export function countPublishMisses(expected: Iterable<string>, publishes: Publish[]) {
  const counts = new Map<string, number>()
  for (const p of publishes) counts.set(p.key, (counts.get(p.key) ?? 0) + 1)
  let duplicates = 0
  for (const n of counts.values()) duplicates += n - 1
  let lost = 0
  for (const key of expected) if (!counts.has(key)) lost++
  return { duplicates, lost }
}

/**
 * The database as the worker sees it, noting when each claim transaction was begun (before it
 * waits for a connection, so every statement in it runs later): a transaction that returns
 * claimed deliveries (claim-delivery.ts: a map by id) is the claim.
 */
export function notingClaims(database: Database, claims: Map<string, number>): Database {
  const db = new Proxy(database.db, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver)
      return async (...args: Parameters<Db['transaction']>) => {
        const began = monotonicMs()
        const result: unknown = await target.transaction(...args)
        if (!(result instanceof Map)) return result
        for (const claimed of result.values()) {
          const key = (claimed as { delivery?: { publishKey?: string } }).delivery?.publishKey
          if (key) claims.set(key, began)
        }
        return result
      }
    },
  })
  return { ...database, db }
}

/** Each publish with the time its claim was begun. */
export function withClaimTimes(publishes: Publish[], claims: Map<string, number>): Publish[] {
  return publishes.map((p) => ({ ...p, claimBeganMono: claims.get(p.key) }))
}
