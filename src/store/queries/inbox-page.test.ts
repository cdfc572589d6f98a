import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts'
import { setupInstance } from '../../commands/setup-instance.ts'
import { INBOX_STATUSES } from '../../core/inbox/inbox-statuses.ts'
import { inboxItems } from '../schema/index.ts'
import { type InboxCursor, inboxPageIds } from './inbox-page.ts'

let database: TestDatabase
let workspaceId: string
const rows: Array<{ id: string; priority: number; createdAt: Date; status: string; kind: string }> =
  []

beforeAll(async () => {
  database = await createTestDatabase()
  ;({
    workspace: { id: workspaceId },
  } = await setupInstance(database.db, {
    email: 'owner@example.com',
    password: 'correct horse battery',
    workspaceName: 'Acme',
  }))
  const start = Date.parse('2026-11-01T00:00:00Z')
  for (let n = 0; n < 137; n++) {
    rows.push({
      id: randomUUID(),
      // Several items share a time, so the id decides between them.
      createdAt: new Date(start + Math.floor(n / 3) * 60_000),
      priority: n % 7 === 0 ? 1 : 0,
      status: INBOX_STATUSES[(n * 5) % 4] as string,
      kind: n % 2 ? 'question' : 'praise',
    })
  }
  await database.db.insert(inboxItems).values(
    rows.map((r, n) => ({
      ...r,
      status: r.status as (typeof INBOX_STATUSES)[number],
      workspaceId,
      source: 'network' as const,
      dedupeKey: `k${n}`,
      eventKind: 'mention',
      text: `message ${n}`,
      conversationKey: `c${n}`,
      sentiment: 'neutral',
      reasons: [],
    })),
  )
})
afterAll(async () => {
  await database?.close()
})

const order = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
  b.priority - a.priority ||
  b.createdAt.getTime() - a.createdAt.getTime() ||
  (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

async function pageThrough(filters: { status?: string; kind?: string; assigneeId?: null }) {
  const seen: string[] = []
  let before: InboxCursor | null = null
  for (let guard = 0; guard < 20; guard++) {
    const ids = await inboxPageIds(database.db, workspaceId, filters, before, 20)
    seen.push(...ids)
    const last = rows.find((r) => r.id === ids.at(-1))
    if (ids.length < 20 || !last) break
    before = { priority: last.priority, createdAt: last.createdAt.toISOString(), id: last.id }
  }
  return seen
}

describe('inbox pages', () => {
  it('without a status, pages every item once, high priority first, then newest first', async () => {
    expect(await pageThrough({})).toEqual([...rows].sort(order).map((r) => r.id))
  })

  it('unassigned, in the same order (the assignee index read backwards)', async () => {
    expect(await pageThrough({ assigneeId: null })).toEqual([...rows].sort(order).map((r) => r.id))
  })

  it('with filters, pages exactly the matching items in the same order', async () => {
    expect(await pageThrough({ kind: 'question' })).toEqual(
      rows
        .filter((r) => r.kind === 'question')
        .sort(order)
        .map((r) => r.id),
    )
    expect(await pageThrough({ status: 'open', kind: 'praise' })).toEqual(
      rows
        .filter((r) => r.status === 'open' && r.kind === 'praise')
        .sort(order)
        .map((r) => r.id),
    )
  })
})
