import { randomBytes } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import { and, eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.ts'
import { auditLog, media } from '../../store/schema/index.ts'

let t: TestApp
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let contributor: Awaited<ReturnType<TestApp['member']>>
let base: string
beforeAll(async () => {
  t = await createTestApp()
  owner = await t.setupOwner()
  contributor = await t.member(owner.workspace.id, 'contributor')
  base = `/api/v1/workspaces/${owner.workspace.id}/media`
})
afterAll(async () => {
  await t?.close()
})

/** A solid image; `shade` makes each one's bytes distinct. */
function image(shade: number, width = 40, height = 20) {
  return sharp({
    create: { width, height, channels: 3, background: { r: shade, g: 90, b: 40 } },
  })
}

/** A PNG whose header claims `width` × `height`; only the first row's worth of data follows. */
function pngClaiming(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A GIF of `frames` frames, each claiming the whole `width` × `height` screen with no pixels. */
function gifClaiming(width: number, height: number, frames: number) {
  const u16 = (n: number) => [n & 0xff, n >> 8]
  const bytes = [...Buffer.from('GIF89a'), ...u16(width), ...u16(height), 0x80, 0, 0]
  bytes.push(0, 0, 0, 255, 255, 255)
  for (let i = 0; i < frames; i++) {
    bytes.push(0x2c, 0, 0, 0, 0, ...u16(width), ...u16(height), 0, 2, 1, 0x2c, 0)
  }
  return Buffer.from([...bytes, 0x3b])
}

async function upload(
  cookie: string,
  file: { bytes: Uint8Array; name: string; type: string },
  altText?: string,
) {
  const form = new FormData()
  form.set('file', new File([file.bytes], file.name, { type: file.type }))
  if (altText !== undefined) form.set('altText', altText)
  const response = await t.app.request(`${TEST_PUBLIC_URL}${base}`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, json: JSON.parse(text) }
}

describe('media upload', () => {
  it('stores a JPEG without its EXIF location, upright, and audits it', async () => {
    const jpeg = await image(200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'Acme' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2969/100' },
      })
      .toBuffer()
    const sent = await sharp(jpeg).metadata()
    // The GPS IFD pointer (tag 0x8825, little-endian) is in what we send.
    expect(sent.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true)

    const res = await upload(contributor.cookie, {
      bytes: jpeg,
      name: 'loaf.jpg',
      type: 'image/jpeg',
    })
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ mimeType: 'image/jpeg', width: 20, height: 40, altText: '' })

    const [row] = await t.database.db.select().from(media).where(eq(media.id, res.json.id))
    if (!row) throw new Error('no row')
    const stored = await sharp(row.bytes).metadata()
    expect(stored.exif).toBeUndefined()
    expect(stored.xmp).toBeUndefined()
    expect(row.bytes.includes(Buffer.from('Acme'))).toBe(false)
    expect(row.size).toBe(row.bytes.length)
    expect(res.json.size).toBe(row.bytes.length)

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'media.uploaded'), eq(auditLog.targetId, row.id)))
    expect(audit).toHaveLength(1)
    expect(audit[0]?.actorUserId).toBe(contributor.user.id)
  })

  it('believes the bytes, not the name or content type', async () => {
    const png = await image(10).png().toBuffer()
    const res = await upload(owner.cookie, { bytes: png, name: 'photo.jpg', type: 'image/jpeg' })
    expect(res.status).toBe(201)
    expect(res.json.mimeType).toBe('image/png')
  })

  /** Three distinct frames with their own delays, looping forever. */
  async function animatedGif(shade: number) {
    const frames = await Promise.all(
      [0, 100, 200].map((d) =>
        image(shade + d)
          .png()
          .toBuffer(),
      ),
    )
    return sharp(frames, { join: { animated: true } })
      .gif({ delay: [100, 200, 300], loop: 0 })
      .toBuffer()
  }

  it('keeps a GIF animated, and stores and serves nothing after its trailer', async () => {
    const gif = await animatedGif(20)
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>')
    const res = await upload(owner.cookie, {
      bytes: Buffer.concat([gif, html]),
      name: 'a.gif',
      type: 'image/gif',
    })
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ mimeType: 'image/gif', width: 40, height: 20 })
    const [row] = await t.database.db.select().from(media).where(eq(media.id, res.json.id))
    if (!row) throw new Error('no row')
    expect(row.bytes.includes(Buffer.from('<script'))).toBe(false)
    expect(row.bytes.at(-1)).toBe(0x3b)
    expect(await sharp(row.bytes).metadata()).toMatchObject({
      pages: 3,
      delay: [100, 200, 300],
      loop: 0,
    })
    const served = await t.app.request(`${TEST_PUBLIC_URL}${base}/${row.id}/content`, {
      headers: { cookie: owner.cookie },
    })
    expect(Buffer.from(await served.arrayBuffer()).equals(row.bytes)).toBe(true)
  })

  it("drops a GIF's comment blocks", async () => {
    const gif = await animatedGif(30)
    // A comment extension (0x21 0xfe, one sub-block, terminator) just before the trailer.
    const note = Buffer.from('<script>alert(1)</script>')
    const comment = Buffer.concat([Buffer.from([0x21, 0xfe, note.length]), note, Buffer.from([0])])
    const res = await upload(owner.cookie, {
      bytes: Buffer.concat([gif.subarray(0, -1), comment, gif.subarray(-1)]),
      name: 'a.gif',
      type: 'image/gif',
    })
    expect(res.status).toBe(201)
    const [row] = await t.database.db.select().from(media).where(eq(media.id, res.json.id))
    expect(row?.bytes.includes(Buffer.from('<script'))).toBe(false)
    expect((await sharp(row?.bytes).metadata()).pages).toBe(3)
  })

  it('refuses an empty file with a problem that says so', async () => {
    const res = await upload(owner.cookie, {
      bytes: new Uint8Array(),
      name: 'a.png',
      type: 'image/png',
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.json.detail).toMatch(/empty/)
    expect(res.json.errors).toEqual([{ field: 'file', message: 'an empty file' }])
  })

  it('refuses more than 40 megapixels, saying the size and the limit, before decoding', async () => {
    const sixteen = await upload(owner.cookie, {
      bytes: pngClaiming(16383, 16383),
      name: 'a.png',
      type: 'image/png',
    })
    expect(sixteen.status).toBe(422)
    expect(sixteen.json.detail).toBe(
      'The image is 16,383 × 16,383 pixels (268.5 megapixels); the limit is 40 megapixels',
    )
    expect(sixteen.json.errors).toEqual([{ field: 'file', message: 'too many pixels' }])

    const thirty = await upload(owner.cookie, {
      bytes: pngClaiming(30000, 30000),
      name: 'a.png',
      type: 'image/png',
    })
    expect(thirty.status).toBe(422)
    expect(thirty.json.detail).toMatch(/^The image is 30,000 × 30,000 pixels .*40 megapixels$/)

    const frames = await upload(owner.cookie, {
      bytes: gifClaiming(4000, 4000, 3),
      name: 'a.gif',
      type: 'image/gif',
    })
    expect(frames.status).toBe(422)
    expect(frames.json.detail).toMatch(/^The animation has 3 frames of 4,000 × 4,000 pixels/)
  })

  it('refuses an image that claims a size its data does not hold, as damaged', async () => {
    const res = await upload(owner.cookie, {
      bytes: pngClaiming(2000, 2000),
      name: 'a.png',
      type: 'image/png',
    })
    expect(res.status).toBe(422)
    expect(res.json.errors).toEqual([{ field: 'file', message: 'damaged or truncated image' }])
  })

  it('refuses a text file with a problem that says what it is', async () => {
    const res = await upload(owner.cookie, {
      bytes: new TextEncoder().encode('not a picture'),
      name: 'cat.png',
      type: 'image/png',
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.json.detail).toMatch(/JPEG, PNG, WebP or GIF.*this is text/)
    expect(res.json.errors).toEqual([{ field: 'file', message: 'not an accepted image: text' }])
  })

  it('refuses an image format it does not accept, by name', async () => {
    const tiff = await image(30).tiff().toBuffer()
    const res = await upload(owner.cookie, { bytes: tiff, name: 'a.png', type: 'image/png' })
    expect(res.status).toBe(422)
    expect(res.json.detail).toMatch(/tiff/)
  })

  it('takes an image over the general 1 MiB body limit, and refuses one over 10 MiB', async () => {
    const noise = await sharp({
      create: {
        width: 800,
        height: 800,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer()
    expect(noise.length).toBeGreaterThan(1024 * 1024)
    const big = await upload(owner.cookie, { bytes: noise, name: 'n.png', type: 'image/png' })
    expect(big.status).toBe(201)

    const huge = await upload(owner.cookie, {
      bytes: randomBytes(10 * 1024 * 1024 + 1),
      name: 'huge.jpg',
      type: 'image/jpeg',
    })
    expect(huge.status).toBe(413)
    expect(huge.headers.get('content-type')).toBe('application/problem+json')
    expect(huge.json.title).toBe('Payload too large')
  })

  it('returns the existing item when the same image comes again', async () => {
    const png = await image(40).png().toBuffer()
    const first = await upload(owner.cookie, { bytes: png, name: 'a.png', type: 'image/png' })
    const again = await upload(owner.cookie, { bytes: png, name: 'b.png', type: 'image/png' })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.json.id).toBe(first.json.id)
  })

  it('keeps one item when the same image is uploaded several times at once', async () => {
    const png = await image(44).png().toBuffer()
    const file = { bytes: png, name: 'a.png', type: 'image/png' }
    const count = async () =>
      (await t.database.db.select().from(media).where(eq(media.workspaceId, owner.workspace.id)))
        .length
    const before = await count()
    const all = await Promise.all([1, 2, 3, 4].map(() => upload(owner.cookie, file)))
    expect(new Set(all.map((r) => r.json.id)).size).toBe(1)
    expect(all.map((r) => r.status).sort()).toEqual([200, 200, 200, 201])
    expect(await count()).toBe(before + 1)
  })

  it('takes alt text with the upload, within its limit', async () => {
    const png = await image(50).png().toBuffer()
    const file = { bytes: png, name: 'a.png', type: 'image/png' }
    const long = await upload(owner.cookie, file, 'x'.repeat(1001))
    expect(long.status).toBe(422)
    const ok = await upload(owner.cookie, file, ' A sourdough loaf on a board ')
    expect(ok.status).toBe(201)
    expect(ok.json.altText).toBe('A sourdough loaf on a board')
  })

  it('lets a contributor upload but not an analyst', async () => {
    const analyst = await t.member(owner.workspace.id, 'analyst')
    const png = await image(60).png().toBuffer()
    const res = await upload(analyst.cookie, { bytes: png, name: 'a.png', type: 'image/png' })
    expect(res.status).toBe(403)
    const list = await t.request('GET', base, { cookie: analyst.cookie })
    expect(list.status).toBe(200)
  })
})
