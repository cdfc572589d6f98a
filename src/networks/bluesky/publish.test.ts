import { randomUUID } from 'node:crypto'
import {
  AppBskyEmbedExternal,
  AppBskyEmbedImages,
  type AppBskyFeedDefs,
  AppBskyFeedPost,
  AppBskyRichtextFacet,
  AtpAgent,
} from '@atproto/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../../test/peers/atproto-network.ts'
import {
  connectThroughProxy,
  indexedPost as indexed,
  type SavedSession,
} from '../../../test/peers/bluesky-harness.ts'
import { type FaultProxy, startFaultProxy } from '../../../test/peers/fault-proxy.ts'
import { failureOf, TINY_PNG, tinyImage } from '../contract-suite.ts'
import { createBlueskyAdapter } from './index.ts'

// Real posts on the local AT Protocol network, read back through its AppView.
let proxy: FaultProxy
let session: SavedSession
let other: TestAccount
let appview: AtpAgent
const adapter = createBlueskyAdapter()
const key = () => `publish-${randomUUID()}`

beforeAll(async () => {
  const network = await atprotoNetwork()
  proxy = await startFaultProxy(network.pds)
  session = await connectThroughProxy(proxy, 'author')
  other = await createTestAccount('friend')
  appview = new AtpAgent({ service: network.appview })
})
afterAll(async () => {
  await proxy?.close()
})

function record(post: AppBskyFeedDefs.PostView): AppBskyFeedPost.Record {
  const result = AppBskyFeedPost.validateRecord(post.record)
  if (!result.success) throw result.error
  return result.value
}

/** The text a facet covers, by its UTF-8 byte range. */
function covered(text: string, facet: AppBskyRichtextFacet.Main): string {
  return Buffer.from(text, 'utf8')
    .subarray(facet.index.byteStart, facet.index.byteEnd)
    .toString('utf8')
}

describe('publishing to Bluesky', () => {
  it('marks mentions with the DID, links and hashtags, measured by the library', async () => {
    const text = `Grüße 👋🏽 @${other.handle} — see https://example.com/ü?x=1 and #SousTest`
    const post = await adapter.publish(session, {
      idempotencyKey: key(),
      text,
      language: 'de',
    })
    expect(post.url).toBe(
      `https://bsky.app/profile/${session.credentials.did}/post/${post.uri.split('/').pop()}`,
    )
    const view = await indexed(post.uri)
    const saved = record(view)
    expect(saved.text).toBe(text)
    expect(saved.langs).toEqual(['de'])
    const facets = saved.facets ?? []
    const byKind = (check: (feature: unknown) => boolean) =>
      facets.filter((facet) => facet.features.some(check))
    const [mention] = byKind(AppBskyRichtextFacet.isMention)
    const [link] = byKind(AppBskyRichtextFacet.isLink)
    const [tag] = byKind(AppBskyRichtextFacet.isTag)
    expect(mention?.features[0]).toMatchObject({ did: other.did })
    expect(covered(text, mention as AppBskyRichtextFacet.Main)).toBe(`@${other.handle}`)
    expect(link?.features[0]).toMatchObject({ uri: 'https://example.com/ü?x=1' })
    expect(covered(text, link as AppBskyRichtextFacet.Main)).toBe('https://example.com/ü?x=1')
    expect(tag?.features[0]).toMatchObject({ tag: 'SousTest' })
    expect(covered(text, tag as AppBskyRichtextFacet.Main)).toBe('#SousTest')
  })

  it('leaves a mention of a handle nobody has as plain text', async () => {
    const text = `hello @nobody-${randomUUID().slice(0, 8)}.test`
    const post = await adapter.publish(session, { idempotencyKey: key(), text })
    expect(record(await indexed(post.uri)).facets).toBeUndefined()
  })

  it('fails, instead of dropping the mention, when the handle cannot be resolved', async () => {
    proxy.script({
      match: '/xrpc/com.atproto.identity.resolveHandle',
      fault: { kind: 'status', status: 503 },
    })
    const idempotencyKey = key()
    const failure = await failureOf(
      adapter.publish(session, { idempotencyKey, text: `hi @${other.handle}` }),
    )
    proxy.reset()
    expect(failure.kind).toBe('transient')
    expect(await adapter.findPublished(session, idempotencyKey)).toBeNull()
  })

  it('attaches up to four images with alt text, shown by the AppView', async () => {
    const images = [tinyImage('A red pixel'), tinyImage('Ein grünes Pixel 🌿'), tinyImage('')]
    const post = await adapter.publish(session, { idempotencyKey: key(), text: 'pixels', images })
    const view = await indexed(post.uri)
    expect(AppBskyEmbedImages.isView(view.embed)).toBe(true)
    const shown = (view.embed as AppBskyEmbedImages.View).images
    expect(shown.map((image) => image.alt)).toEqual(['A red pixel', 'Ein grünes Pixel 🌿', ''])
    const thumbnail = await fetch(shown[0]?.thumb ?? '')
    expect(thumbnail.status).toBe(200)
    expect(thumbnail.headers.get('content-type')).toMatch(/^image\//)
  })

  it('attaches a link card with title, description and thumbnail', async () => {
    const link = {
      url: 'https://example.com/article',
      title: 'An article',
      description: 'What it is about',
      thumbnail: { bytes: TINY_PNG, mimeType: 'image/png', altText: '' },
    }
    const post = await adapter.publish(session, {
      idempotencyKey: key(),
      text: 'read this',
      link,
    })
    const view = await indexed(post.uri)
    expect(AppBskyEmbedExternal.isView(view.embed)).toBe(true)
    const card = (view.embed as AppBskyEmbedExternal.View).external
    expect(card).toMatchObject({
      uri: link.url,
      title: link.title,
      description: link.description,
    })
    expect(card.thumb).toMatch(/^http/)
  })

  it('threads replies under the right root and parent, straight after the previous post', async () => {
    const root = await adapter.publish(session, { idempotencyKey: key(), text: '1/3 a thread' })
    const second = await adapter.publish(session, {
      idempotencyKey: key(),
      text: '2/3',
      replyTo: { uri: root.uri },
    })
    const third = await adapter.publish(session, {
      idempotencyKey: key(),
      text: '3/3',
      replyTo: { uri: second.uri, rootUri: root.uri },
    })
    expect(record(await indexed(second.uri)).reply).toEqual({
      root: { uri: root.uri, cid: root.cid },
      parent: { uri: root.uri, cid: root.cid },
    })
    expect(record(await indexed(third.uri)).reply).toEqual({
      root: { uri: root.uri, cid: root.cid },
      parent: { uri: second.uri, cid: second.cid },
    })
    const { data } = await appview.app.bsky.feed.getPostThread({ uri: root.uri })
    expect(JSON.stringify(data.thread)).toContain(third.uri)
  })

  it("replies to someone else's post, in that post's thread", async () => {
    const theirs = await other.agent.post({ text: 'what do you think?' })
    const answer = await other.agent.post({
      text: 'and a follow-up',
      reply: { root: theirs, parent: theirs },
    })
    await indexed(answer.uri)
    const reply = await adapter.publish(session, {
      idempotencyKey: key(),
      text: 'I agree',
      replyTo: { uri: answer.uri },
    })
    expect(record(await indexed(reply.uri)).reply).toEqual({
      root: { uri: theirs.uri, cid: theirs.cid },
      parent: { uri: answer.uri, cid: answer.cid },
    })
  })

  it('refuses a reply whose root is not the thread of its parent, and one to a deleted post', async () => {
    const one = await adapter.publish(session, { idempotencyKey: key(), text: 'one' })
    const two = await adapter.publish(session, { idempotencyKey: key(), text: 'two' })
    const wrongRoot = await failureOf(
      adapter.publish(session, {
        idempotencyKey: key(),
        text: 'lost',
        replyTo: { uri: two.uri, rootUri: one.uri },
      }),
    )
    expect(wrongRoot).toMatchObject({ kind: 'rejected' })
    await adapter.deletePost(session, one.uri)
    const gone = await failureOf(
      adapter.publish(session, { idempotencyKey: key(), text: 'late', replyTo: { uri: one.uri } }),
    )
    expect(gone).toMatchObject({ kind: 'rejected' })
    expect(gone.kind === 'rejected' && gone.reason).toMatch(/does not exist/)
  })

  it('refuses to delete a post of another account', async () => {
    const theirs = await other.agent.post({ text: 'mine' })
    expect(await failureOf(adapter.deletePost(session, theirs.uri))).toMatchObject({
      kind: 'rejected',
    })
  })
})
