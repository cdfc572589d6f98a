/**
 * The one contract every network adapter runs against its peer (a real local network, or a
 * named fake). Test code: imported only by `*.test.ts`.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FaultProxy, FaultRule } from '../../test/peers/fault-proxy.ts'
import { rateLimited, serverError, unauthorized } from '../../test/peers/fault-proxy.ts'
import type {
  AccountSession,
  ImageAttachment,
  InboxEvent,
  InboxEventKind,
  NetworkAdapter,
  NetworkFailure,
} from './types.ts'
import { NetworkError } from './types.ts'

/** A second account on the peer, acting through the peer's own client, never through Sous. */
export type ContractActor = {
  /** The actor's profile id as the adapter reports it (a DID, an account id). */
  id: string
  /** Posts text that mentions the account under test; the new post's URI. */
  mention: (text: string) => Promise<string>
  reply: (uri: string, text: string) => Promise<string>
  quote: (uri: string, text: string) => Promise<string>
  follow: () => Promise<void>
  like: (uri: string) => Promise<void>
  repost: (uri: string) => Promise<void>
}

export type ContractHarness<Credentials> = {
  adapter: NetworkAdapter<Credentials>
  /** The connected account under test; its requests go through `proxy`. */
  session: AccountSession<Credentials>
  /** Another freshly connected account behind the same proxy, for cases that leave state behind (a rate limit). */
  newSession: () => Promise<AccountSession<Credentials>>
  otherActor: ContractActor
  proxy: FaultProxy
  /** Which requests publish a post (matched by the proxy), e.g. `/xrpc/com.atproto.repo.createRecord`. */
  publishRoute: NonNullable<FaultRule['match']>
  /** The post as the peer holds it, read without Sous and without the proxy; null once gone. */
  readBack: (uri: string) => Promise<{ text: string } | null>
  /**
   * Resolves once the peer's read side shows the post (an AppView indexes asynchronously, and
   * it only notifies about a reply whose parent it has indexed). Absent: visible at once.
   */
  awaitIndexed?: (uri: string) => Promise<void>
  /** How many posts an account has, as the peer counts them, read without Sous. */
  countPosts: (session: AccountSession<Credentials>) => Promise<number>
  close: () => Promise<void>
}

export type ContractCase =
  | 'publish'
  | 'same-key'
  | 'lost-response'
  | 'reset-before-send'
  | 'over-limit'
  | 'too-many-images'
  | 'image-too-large'
  | 'auth-expired'
  | 'rate-limited'
  | 'server-error'
  | 'delete'
  | 'inbox-paging'
  | 'engagement'
  | 'follow'

export type ContractOptions = {
  /** Skips every case, saying why (a live suite without its server configured). */
  skipAll?: string
  /** Skips single cases, each with its reason. */
  skip?: Partial<Record<ContractCase, string>>
  /** Inbox kinds the peer cannot produce, each with its reason (e.g. no quotes). */
  skipInboxKinds?: Partial<Record<'quote', string>>
  /** Upper bound for the peer to show a write on its read side (indexing); polled, never slept. */
  settleMs?: number
}

/** A 1×1 transparent PNG. */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
)

export function tinyImage(altText = 'a transparent pixel'): ImageAttachment {
  return { bytes: TINY_PNG, mimeType: 'image/png', altText }
}

/** Whether `text` names `n`, however it groups the digits: 10000, 10,000, 10.000, 10 000. */
export function namesNumber(text: string, n: number): boolean {
  return text.replace(/(\d)[,.\s\u202f](?=\d{3}\b)/gu, '$1').includes(String(n))
}

/** The failure an adapter call ended with; fails the test when it succeeded or threw anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<NetworkFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof NetworkError) return error.failure
    throw error
  }
  throw new Error('expected a NetworkError, but the call succeeded')
}

export function describeNetworkContract<Credentials>(
  name: string,
  createHarness: () => Promise<ContractHarness<Credentials>>,
  options: ContractOptions = {},
): void {
  const settle = { timeout: options.settleMs ?? 15_000, interval: 50 }
  const suite = options.skipAll ? describe.skip : describe
  suite(`${name} network contract${options.skipAll ? ` (skipped: ${options.skipAll})` : ''}`, () => {
    let h: ContractHarness<Credentials>
    beforeAll(async () => {
      h = await createHarness()
    })
    afterAll(async () => {
      await h?.close()
    })
    beforeEach(() => {
      h.proxy.reset()
    })

    const caseIt = (id: ContractCase, title: string, body: () => Promise<void>) => {
      const reason = options.skip?.[id]
      if (reason) it.skip(`${title} (skipped: ${reason})`, body)
      else it(title, body)
    }
    const key = () => `contract-${randomUUID()}`
    const text = (what: string) => `${what} ${randomUUID().slice(0, 8)}`

    caseIt('publish', 'publishes a post and reads it back from the peer', async () => {
      const idempotencyKey = key()
      const body = text('contract: hello')
      const post = await h.adapter.publish(h.session, { idempotencyKey, text: body })
      expect(post.uri).toBeTruthy()
      expect(post.url).toMatch(/^https?:\/\//)
      expect(await h.readBack(post.uri)).toMatchObject({ text: body })
      const sent = { idempotencyKey, text: body }
      expect(await h.adapter.findPublished(h.session, idempotencyKey, sent)).toMatchObject({
        uri: post.uri,
      })
      const neverSent = { idempotencyKey: key(), text: text('contract: never sent') }
      expect(
        await h.adapter.findPublished(h.session, neverSent.idempotencyKey, neverSent),
      ).toBeNull()
    })

    caseIt('same-key', 'publishing one key twice gives one post', async () => {
      const before = await h.countPosts(h.session)
      const request = { idempotencyKey: key(), text: text('contract: once') }
      const first = await h.adapter.publish(h.session, request)
      const second = await h.adapter.publish(h.session, request)
      expect(second.uri).toBe(first.uri)
      expect(await h.countPosts(h.session)).toBe(before + 1)
    })

    caseIt(
      'lost-response',
      'a response lost after the write was applied is unknown_outcome; the retry gives one post',
      async () => {
        const before = await h.countPosts(h.session)
        const request = { idempotencyKey: key(), text: text('contract: lost answer') }
        h.proxy.script({ match: h.publishRoute, fault: { kind: 'drop-response' }, times: 1 })
        expect(await failureOf(h.adapter.publish(h.session, request))).toMatchObject({
          kind: 'unknown_outcome',
        })
        expect(h.proxy.requests.some((r) => r.fault === 'drop-response')).toBe(true)
        const found = await h.adapter.findPublished(h.session, request.idempotencyKey, request)
        expect(found).not.toBeNull()
        const retried = await h.adapter.publish(h.session, request)
        expect(retried.uri).toBe(found?.uri)
        expect(await h.countPosts(h.session)).toBe(before + 1)
      },
    )

    caseIt(
      'reset-before-send',
      'a connection reset before the peer saw the write is unknown_outcome; nothing was published, the retry publishes once',
      async () => {
        const before = await h.countPosts(h.session)
        const request = { idempotencyKey: key(), text: text('contract: reset') }
        h.proxy.script({ match: h.publishRoute, fault: { kind: 'reset' }, times: 1 })
        expect(await failureOf(h.adapter.publish(h.session, request))).toMatchObject({
          kind: 'unknown_outcome',
        })
        expect(await h.adapter.findPublished(h.session, request.idempotencyKey, request)).toBeNull()
        await h.adapter.publish(h.session, request)
        expect(await h.countPosts(h.session)).toBe(before + 1)
      },
    )

    // The limits of the account's own server (a Mastodon instance sets its own), never the
    // adapter's defaults.
    const limits = () => h.adapter.capabilitiesFor(h.session.credentials)

    caseIt('over-limit', 'over-limit text is rejected before any request', async () => {
      const max = limits().text.max
      const failure = await failureOf(
        h.adapter.publish(h.session, { idempotencyKey: key(), text: 'a'.repeat(max + 1) }),
      )
      expect(failure).toMatchObject({ kind: 'rejected' })
      expect(failure.kind === 'rejected' && namesNumber(failure.reason, max)).toBe(true)
      expect(h.proxy.requests).toEqual([])
    })

    caseIt(
      'too-many-images',
      'more images than allowed are rejected before any request',
      async () => {
        const max = limits().media.maxImages
        const images = Array.from({ length: max + 1 }, () => tinyImage())
        const failure = await failureOf(
          h.adapter.publish(h.session, { idempotencyKey: key(), text: 'images', images }),
        )
        expect(failure).toMatchObject({ kind: 'rejected' })
        expect(h.proxy.requests).toEqual([])
      },
    )

    caseIt(
      'image-too-large',
      'an image over the size limit is rejected, with the limit, before any upload',
      async () => {
        const limit = limits().media.maxImageBytes
        const image = { ...tinyImage(), bytes: new Uint8Array(limit + 1) }
        const failure = await failureOf(
          h.adapter.publish(h.session, { idempotencyKey: key(), text: 'big', images: [image] }),
        )
        expect(failure.kind).toBe('rejected')
        expect(failure.kind === 'rejected' && namesNumber(failure.reason, limit)).toBe(true)
        expect(h.proxy.requests).toEqual([])
      },
    )

    caseIt('auth-expired', 'credentials the peer refuses are auth_expired', async () => {
      h.proxy.script({ fault: unauthorized })
      expect(
        await failureOf(
          h.adapter.publish(h.session, { idempotencyKey: key(), text: text('contract: 401') }),
        ),
      ).toMatchObject({ kind: 'auth_expired' })
      expect(await failureOf(h.adapter.verify(h.session))).toMatchObject({ kind: 'auth_expired' })
    })

    caseIt('rate-limited', "429 is rate_limited with the server's retry time", async () => {
      const session = await h.newSession()
      h.proxy.reset()
      h.proxy.script({ fault: rateLimited(42) })
      const failure = await failureOf(
        h.adapter.publish(session, { idempotencyKey: key(), text: text('contract: 429') }),
      )
      expect(failure.kind).toBe('rate_limited')
      if (failure.kind === 'rate_limited') {
        expect(failure.retryAfterMs).toBeGreaterThanOrEqual(40_000)
        expect(failure.retryAfterMs).toBeLessThanOrEqual(43_000)
      }
    })

    caseIt(
      'server-error',
      '5xx is transient; the retry with the same key publishes once',
      async () => {
        const before = await h.countPosts(h.session)
        const request = { idempotencyKey: key(), text: text('contract: 500') }
        h.proxy.script({ fault: serverError })
        expect(await failureOf(h.adapter.publish(h.session, request))).toMatchObject({
          kind: 'transient',
        })
        expect(await failureOf(h.adapter.readInbox(h.session))).toMatchObject({ kind: 'transient' })
        h.proxy.reset()
        await h.adapter.publish(h.session, request)
        expect(await h.countPosts(h.session)).toBe(before + 1)
      },
    )

    caseIt('delete', 'deletes a post', async () => {
      const post = await h.adapter.publish(h.session, {
        idempotencyKey: key(),
        text: text('contract: to delete'),
      })
      await h.adapter.deletePost(h.session, post.uri)
      await vi.waitFor(async () => expect(await h.readBack(post.uri)).toBeNull(), settle)
    })

    describe('what another account does', () => {
      let subject: string
      let expected: Array<{ kind: InboxEventKind; uri?: string }>
      // The newest event before this block acted: a live account's inbox is not empty, and
      // reading it from the start until a seen id is how the interface says to poll.
      let seenBefore: string | undefined
      beforeAll(async () => {
        seenBefore = (await h.adapter.readInbox(h.session, undefined, 1)).items[0]?.id
        const post = await h.adapter.publish(h.session, {
          idempotencyKey: key(),
          text: text('contract: talk to me'),
        })
        subject = post.uri
        await h.awaitIndexed?.(subject)
        const actor = h.otherActor
        expected = [
          { kind: 'mention', uri: await actor.mention(text('first mention')) },
          { kind: 'mention', uri: await actor.mention(text('second mention')) },
          { kind: 'mention', uri: await actor.mention(text('third mention')) },
          { kind: 'reply', uri: await actor.reply(subject, text('a reply')) },
          ...(options.skipInboxKinds?.quote
            ? []
            : [{ kind: 'quote' as const, uri: await actor.quote(subject, text('a quote')) }]),
          { kind: 'follow' },
          { kind: 'like' },
          { kind: 'repost' },
        ]
        await actor.follow()
        await actor.like(subject)
        await actor.repost(subject)
      })

      const readAll = async (limit?: number) => {
        const pages: InboxEvent[][] = []
        let cursor: string | undefined
        do {
          const page = await h.adapter.readInbox(h.session, cursor, limit)
          const seen = page.items.findIndex((event) => event.id === seenBefore)
          pages.push(seen >= 0 ? page.items.slice(0, seen) : page.items)
          cursor = seen >= 0 ? undefined : page.cursor
          if (pages.length > 100) throw new Error('the inbox did not end after 100 pages')
        } while (cursor)
        return pages
      }

      caseIt(
        'inbox-paging',
        `the inbox returns each event exactly once across small pages${options.skipInboxKinds?.quote ? ` (no quote: ${options.skipInboxKinds.quote})` : ''}`,
        async () => {
          const everything = await vi.waitFor(async () => {
            const events = (await readAll()).flat()
            expect(events.map((event) => event.kind).sort()).toEqual(
              expected.map((wanted) => wanted.kind).sort(),
            )
            return events
          }, settle)
          for (const wanted of expected) {
            const match = everything.filter(
              (event) => event.kind === wanted.kind && (!wanted.uri || event.uri === wanted.uri),
            )
            expect(match, `${wanted.kind} ${wanted.uri ?? ''}`).toHaveLength(1)
          }
          for (const event of everything) {
            expect(event.author.id).toBe(h.otherActor.id)
            expect(event.id).toBeTruthy()
          }
          const pages = await readAll(2)
          expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 2))
          const paged = pages.flat().map((event) => event.id)
          expect(new Set(paged).size).toBe(paged.length)
          expect(new Set(paged)).toEqual(new Set(everything.map((event) => event.id)))
        },
      )

      caseIt('engagement', 'engagement counts include what the other account did', async () => {
        await vi.waitFor(async () => {
          const [counts] = await h.adapter.readEngagement(h.session, [subject])
          expect(counts).toMatchObject({
            uri: subject,
            likes: 1,
            reposts: 1,
            replies: 1,
            ...(options.skipInboxKinds?.quote ? {} : { quotes: 1 }),
          })
        }, settle)
      })

      caseIt('follow', 'lists the follower, follows and unfollows them', async () => {
        const follower = await vi.waitFor(async () => {
          const { items } = await h.adapter.listFollowers(h.session)
          const found = items.find((person) => person.id === h.otherActor.id)
          expect(found).toBeDefined()
          return found
        }, settle)
        expect(follower?.handle).toBeTruthy()
        await h.adapter.follow(h.session, h.otherActor.id)
        await h.adapter.follow(h.session, h.otherActor.id)
        await vi.waitFor(async () => {
          const { items } = await h.adapter.listFollows(h.session)
          expect(items.filter((person) => person.id === h.otherActor.id)).toHaveLength(1)
        }, settle)
        await h.adapter.unfollow(h.session, h.otherActor.id)
        await vi.waitFor(async () => {
          const { items } = await h.adapter.listFollows(h.session)
          expect(items.some((person) => person.id === h.otherActor.id)).toBe(false)
        }, settle)
      })
    })
  })
}
