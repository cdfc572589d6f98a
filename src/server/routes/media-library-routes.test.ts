import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.ts'
import { accounts, auditLog, media, posts, variants } from '../../store/schema/index.ts'

// The library once images are in it: listing, serving, alt text, deleting, tenancy.
// Uploading and what it refuses: media-routes.test.ts.
let t: TestApp
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
beforeAll(async () => {
  t = await createTestApp()
  owner = await t.setupOwner()
})
afterAll(async () => {
  await t?.close()
})

/** A solid image; `shade` makes each one's bytes distinct. */
function image(shade: number) {
  return sharp({
    create: { width: 40, height: 20, channels: 3, background: { r: shade, g: 90, b: 40 } },
  })
}

describe('the media library', () => {
  let ws: string
  let cookie: string
  let path: string
  beforeAll(async () => {
    const other = await t.otherWorkspace(owner.user.id, 'Library')
    ws = other.id
    cookie = owner.cookie
    path = `/api/v1/workspaces/${ws}/media`
  })

  async function add(shade: number) {
    const form = new FormData()
    const bytes = await image(shade * 30)
      .webp()
      .toBuffer()
    form.set('file', new File([bytes], 'x.webp'))
    const res = await t.app.request(`${TEST_PUBLIC_URL}${path}`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    })
    expect(res.status).toBe(201)
    return (await res.json()) as { id: string; mimeType: string }
  }

  it('lists newest first, in pages', async () => {
    const a = await add(1)
    const b = await add(2)
    const c = await add(3)
    expect(c.mimeType).toBe('image/webp')
    const first = await t.request('GET', `${path}?limit=2`, { cookie })
    expect(first.status).toBe(200)
    expect(first.json.items.map((i: { id: string }) => i.id)).toEqual([c.id, b.id])
    expect(first.json.next).toBe(b.id)
    const second = await t.request('GET', `${path}?limit=2&before=${b.id}`, { cookie })
    expect(second.json.items.map((i: { id: string }) => i.id)).toEqual([a.id])
    expect(second.json.next).toBeNull()
  })

  it('serves metadata and bytes, privately cached', async () => {
    const item = await add(4)
    const meta = await t.request('GET', `${path}/${item.id}`, { cookie })
    expect(meta.status).toBe(200)
    expect(meta.json).toMatchObject({ id: item.id, mimeType: 'image/webp', width: 40, height: 20 })
    const res = await t.app.request(`${TEST_PUBLIC_URL}${path}/${item.id}/content`, {
      headers: { cookie },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/webp')
    expect(res.headers.get('cache-control')).toMatch(/^private/)
    // Served under the app's origin: never sniffed, never run, never shown as a page.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="${item.id}.webp"`)
    const bytes = Buffer.from(await res.arrayBuffer())
    const [row] = await t.database.db.select().from(media).where(eq(media.id, item.id))
    expect(row && bytes.equals(row.bytes)).toBe(true)
  })

  it('changes alt text, up to 1,000 characters, audited', async () => {
    const item = await add(5)
    const res = await t.request('PATCH', `${path}/${item.id}`, {
      cookie,
      body: { altText: 'Flour dust in morning light' },
    })
    expect(res.status).toBe(200)
    expect(res.json.altText).toBe('Flour dust in morning light')
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'media.alt_text_changed'), eq(auditLog.targetId, item.id)))
    expect(audited).toHaveLength(1)
    const long = await t.request('PATCH', `${path}/${item.id}`, {
      cookie,
      body: { altText: 'é'.repeat(1001) },
    })
    expect(long.status).toBe(422)
    expect(long.json.errors[0].field).toBe('altText')
  })

  it('deletes, audited, and keeps what a post uses', async () => {
    const item = await add(6)
    const used = await add(7)
    const accountId = randomUUID()
    await t.database.db.insert(accounts).values({
      id: accountId,
      workspaceId: ws,
      network: 'bluesky',
      networkAccountId: 'did:plc:media',
      handle: 'media.example',
      url: 'https://bsky.app/profile/media.example',
      service: 'https://pds.example',
      credentials: 'sealed',
    })
    const [post] = await t.database.db
      .insert(posts)
      .values({ workspaceId: ws, provenance: 'scheduled', approval: 'not_needed' })
      .returning()
    if (!post) throw new Error('no post')
    await t.database.db.insert(variants).values({
      postId: post.id,
      accountId,
      network: 'bluesky',
      segments: [{ text: 'Bread', mediaIds: [used.id] }],
    })

    const refused = await t.request('DELETE', `${path}/${used.id}`, { cookie })
    expect(refused.status).toBe(409)

    const res = await t.request('DELETE', `${path}/${item.id}`, { cookie })
    expect(res.status).toBe(204)
    expect((await t.request('GET', `${path}/${item.id}`, { cookie })).status).toBe(404)
    expect((await t.request('DELETE', `${path}/${item.id}`, { cookie })).status).toBe(404)
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'media.deleted'), eq(auditLog.targetId, item.id)))
    expect(audit).toHaveLength(1)
  })

  it("hides another workspace's images", async () => {
    const item = await add(8)
    // The same person's first workspace: the image lives in the library's one.
    const base = `/api/v1/workspaces/${owner.workspace.id}/media`
    const res = await t.request('GET', `${base}/${item.id}`, { cookie })
    expect(res.status).toBe(404)
    const content = await t.request('GET', `${base}/${item.id}/content`, { cookie })
    expect(content.status).toBe(404)
  })
})
