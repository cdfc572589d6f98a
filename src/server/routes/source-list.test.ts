import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { feedSources } from '../../store/schema/index.ts'
import type { Source } from '../presenters/sources.ts'

// A workspace with many feeds (a Feedly export easily has thousands): the list pages by
// title, finds by title, address or folder, keeps one health status, and counts them all.
let t: TestApp
let owner: TestOwner
let base: string
const SOURCES = 1_234
const DAY = 86_400_000

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  base = `/api/v1/workspaces/${owner.workspace.id}/sources`
  const now = Date.now()
  await t.database.db.insert(feedSources).values(
    Array.from({ length: SOURCES }, (_, n) => {
      // Every 10th waits for its first read, every 50th fails for days, every 7th errs.
      const polled = n % 10 !== 0
      return {
        workspaceId: owner.workspace.id,
        url: `https://feed${n}.example/rss`,
        host: `feed${n}.example`,
        // Case differs, so the order is by title whatever its case.
        title: `${n % 2 ? 'blog' : 'Blog'} ${String(n).padStart(4, '0')}`,
        category: n % 3 === 0 ? 'Food/Baking' : null,
        lastPolledAt: polled ? new Date(now - 60_000) : null,
        failing: polled && n % 50 === 1,
        failingSince: polled && n % 50 === 1 ? new Date(now - 4 * DAY) : null,
        failures: polled && (n % 50 === 1 || n % 7 === 0) ? 3 : 0,
      }
    }),
  )
})
afterAll(async () => {
  await t?.close()
})

type Page = { items: Source[]; next: string | null; counts: Record<string, number> }
const list = async (query: string) => {
  const res = await t.request('GET', `${base}?${query}`, { cookie: owner.cookie })
  expect(res.status, res.text).toBe(200)
  return res.json as Page
}

async function all(query: string): Promise<Source[]> {
  const seen: Source[] = []
  let next: string | null = null
  do {
    const page: Page = await list(`${query}${next ? `&before=${next}` : ''}`)
    seen.push(...page.items)
    next = page.next
  } while (next)
  return seen
}

describe('the sources list at a thousand feeds and more', () => {
  it('pages through every source once, by title whatever its case', async () => {
    const first = await list('limit=100')
    expect(first.items).toHaveLength(100)
    expect(first.items.slice(0, 3).map((s) => s.title)).toEqual([
      'Blog 0000',
      'blog 0001',
      'Blog 0002',
    ])
    const every = await all('limit=100')
    expect(every).toHaveLength(SOURCES)
    expect(new Set(every.map((s) => s.id)).size).toBe(SOURCES)
    const titles = every.map((s) => s.title.toLowerCase())
    expect(titles).toEqual([...titles].sort())
  })

  it('counts the workspace’s sources in all and by health, whatever the page', async () => {
    const expected = { all: SOURCES, pending: 0, ok: 0, erroring: 0, failing: 0 }
    for (let n = 0; n < SOURCES; n++) {
      if (n % 10 === 0) expected.pending++
      else if (n % 50 === 1) expected.failing++
      else if (n % 7 === 0) expected.erroring++
      else expected.ok++
    }
    expect((await list('limit=1')).counts).toEqual(expected)
    expect((await list('limit=5&q=0001')).counts).toEqual(expected)
  })

  it('keeps one health status, each source as its health says', async () => {
    for (const status of ['pending', 'ok', 'erroring', 'failing'] as const) {
      const found = await all(`limit=200&status=${status}`)
      expect(found.length, status).toBe((await list('limit=1')).counts[status])
      expect(found.every((s) => s.health.status === status)).toBe(true)
    }
  })

  it('finds by part of the title, the address or the folder, any case; % and _ are plain text', async () => {
    expect((await all('limit=50&q=BLOG%2001')).map((s) => s.title)).toHaveLength(100)
    expect((await list('q=feed1233.example')).items.map((s) => s.title)).toEqual(['blog 1233'])
    const baking = await all('limit=100&q=baking')
    expect(baking).toHaveLength(Math.ceil(SOURCES / 3))
    expect(baking.every((s) => s.category === 'Food/Baking')).toBe(true)
    expect((await list('q=%25')).items).toEqual([])
    expect((await list('q=_')).items).toEqual([])
    const failingBaking = await all('limit=100&q=baking&status=failing')
    expect(failingBaking.every((s) => s.health.status === 'failing' && s.category)).toBe(true)
  })

  it('refuses a cursor it did not give', async () => {
    const res = await t.request('GET', `${base}?before=not-a-cursor`, { cookie: owner.cookie })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })
})
