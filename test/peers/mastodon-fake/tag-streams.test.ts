import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type FakeUser, type MastodonFake, startMastodonFake } from './index.ts'

// The fake's hashtag timeline and streams, held to what docs.joinmastodon.org documents.
let fake: MastodonFake
let reader: FakeUser
let author: FakeUser

beforeAll(async () => {
  fake = await startMastodonFake()
  reader = fake.createUser('reader')
  author = fake.createUser('author')
})
afterAll(async () => {
  await fake?.close()
})

const open = (query = '') =>
  new Promise<{ socket: WebSocket; frames: Array<Record<string, unknown>> }>((resolve, reject) => {
    const socket = new WebSocket(`${fake.url.replace('http', 'ws')}/api/v1/streaming${query}`, [
      reader.token,
    ])
    const frames: Array<Record<string, unknown>> = []
    socket.on('message', (data) => frames.push(JSON.parse(data.toString())))
    socket.once('open', () => resolve({ socket, frames }))
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`answered ${response.statusCode}`)),
    )
  })

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20))
}

describe('the fake’s hashtag timeline and streams', () => {
  it('streams public statuses with a subscribed tag, multiplexed on one socket', async () => {
    const { socket, frames } = await open()
    socket.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag: 'Bread' }))
    socket.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag' }))
    await until(() => frames.length > 0)
    expect(frames[0]).toEqual({ error: 'No tag for stream provided', status: 400 })
    fake.actor(author).post('Fresh #bread today')
    fake.actor(author).post('No tag here, just bread')
    fake.actor(author).directMessage(reader, 'secret #bread')
    await until(() => frames.length > 1)
    await new Promise((r) => setTimeout(r, 100))
    expect(frames.slice(1)).toHaveLength(1)
    expect(frames[1]?.stream).toEqual(['hashtag', 'bread'])
    expect(frames[1]?.event).toBe('update')
    const status = JSON.parse(String(frames[1]?.payload))
    expect(status.tags).toEqual([{ name: 'bread', url: `${fake.url}/tags/bread` }])
    socket.close()
  })

  it('refuses a hashtag stream without its tag at the upgrade', async () => {
    await expect(open('?stream=hashtag')).rejects.toThrow('answered 400')
  })

  it('lists the tag’s public statuses newest first, paged by since_id and the Link header', async () => {
    const first = fake.actor(author).post('#rye one')
    const second = fake.actor(author).post('#rye two')
    const third = fake.actor(author).post('#Rye three')
    const list = async (query: string) => {
      const response = await fetch(`${fake.url}/api/v1/timelines/tag/rye${query}`)
      return {
        ids: ((await response.json()) as Array<{ id: string }>).map((s) => s.id),
        link: response.headers.get('link') ?? '',
      }
    }
    expect((await list('')).ids).toEqual([third.id, second.id, first.id])
    expect((await list(`?since_id=${first.id}`)).ids).toEqual([third.id, second.id])
    const page = await list(`?since_id=${first.id}&limit=1`)
    expect(page.ids).toEqual([third.id])
    expect(page.link).toContain(`max_id=${third.id}`)
  })
})
