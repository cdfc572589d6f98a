import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedMeasure } from '../../../bench/measure-seed.ts'
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts'
import { setupInstance } from '../../commands/setup-instance.ts'
import { MEASURE_BY, type MeasureBy } from '../../core/measure/group-results.ts'
import { measurePosts, measureUnits } from '../schema/index.ts'
import { measureReport } from './measure-report.ts'

// The report sums in SQL what the comparison needs; here it must give what summing the
// Measure rows one by one gives, for every grouping: the groups' sizes, sums and totals,
// the values of a side small enough to resample (and only then), days and the best posts.
let database: TestDatabase
let workspaceId: string
const DAY = 86_400_000
const to = new Date()
const from = new Date(to.getTime() - 90 * DAY)

beforeAll(async () => {
  database = await createTestDatabase()
  ;({
    workspace: { id: workspaceId },
  } = await setupInstance(database.db, {
    email: 'owner@example.com',
    password: 'correct horse battery',
    workspaceName: 'Bakery',
  }))
  // Over 180 days: about half fall in the period; two networks of ~150 posts each make
  // both sides of a comparison small enough to resample.
  await seedMeasure(database.db, {
    workspaceId,
    posts: 600,
    snapshots: 3,
    accounts: 4,
    campaigns: 6,
    days: 180,
  })
}, 120_000)

afterAll(async () => {
  await database?.close()
})

type Row = typeof measureUnits.$inferSelect | typeof measurePosts.$inferSelect

function keysOf(by: MeasureBy, row: Row): string[] {
  switch (by) {
    case 'account':
      return ['accountId' in row ? row.accountId : '']
    case 'network':
      return ['network' in row ? row.network : '']
    case 'topic':
      return row.topics.length ? row.topics : ['']
    case 'approach':
      return [row.approach ?? '']
    case 'campaign':
      return [row.campaignId ?? '']
  }
}

const sorted = (values: number[] | null) => (values ? [...values].sort((a, b) => a - b) : null)

describe('the Measure report', () => {
  it.each(MEASURE_BY)('by %s gives what summing the rows one by one gives', async (by) => {
    const table = by === 'account' || by === 'network' ? measureUnits : measurePosts
    const rows = (await database.db.select().from(table)).filter(
      (r) => r.workspaceId === workspaceId && r.publishedAt >= from && r.publishedAt < to,
    )
    expect(rows.length).toBeGreaterThan(250)
    const report = await measureReport(database.db, workspaceId, {
      from,
      to,
      by,
      metric: 'conversations',
      top: 10,
    })
    expect(report.units.n).toBe(rows.length)
    expect(report.units.sum).toBe(rows.reduce((s, r) => s + r.conversations, 0))
    const keys = new Set(rows.flatMap((r) => keysOf(by, r)))
    expect(report.groups.map((g) => g.key).sort()).toEqual([...keys].sort())
    for (const group of report.groups) {
      const inside = rows.filter((r) => keysOf(by, r).includes(group.key))
      const outside = rows.filter((r) => !keysOf(by, r).includes(group.key))
      const values = inside.map((r) => r.conversations)
      expect(group.posts).toBe(inside.length)
      expect(group.sum).toBe(values.reduce((s, v) => s + v, 0))
      expect(group.sumSquares).toBe(values.reduce((s, v) => s + v * v, 0))
      expect(group.totals.likes).toBe(inside.reduce((s, r) => s + r.likes, 0))
      expect(group.totals.botClicks).toBe(inside.reduce((s, r) => s + r.botClicks, 0))
      expect(sorted(group.values)).toEqual(inside.length < 200 ? sorted(values) : null)
      expect(sorted(group.otherValues)).toEqual(
        outside.length < 200 ? sorted(outside.map((r) => r.conversations)) : null,
      )
      const seconds = inside.flatMap((r) => r.responseSeconds).sort((a, b) => a - b)
      const middle = seconds.length / 2
      expect(group.medianFirstResponseSeconds).toBe(
        seconds.length === 0
          ? null
          : seconds.length % 2
            ? seconds[Math.floor(middle)]
            : ((seconds[middle - 1] as number) + (seconds[middle] as number)) / 2,
      )
    }
    // Every day of the period, each post on the day it first went out.
    const firstDay = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())
    expect(report.days).toHaveLength(Math.ceil((to.getTime() - firstDay) / DAY))
    expect(report.days[0]?.date).toBe(from.toISOString().slice(0, 10))
    const dayPosts = report.days.reduce((s, d) => s + d.posts, 0)
    expect(dayPosts).toBe(report.posts)
    expect(report.days.reduce((s, d) => s + d.replies, 0)).toBe(
      rows.reduce((s, r) => s + r.replies, 0),
    )
    // The best are variants, whatever the grouping.
    const variants = (await database.db.select().from(measureUnits)).filter(
      (r) => r.workspaceId === workspaceId && r.publishedAt >= from && r.publishedAt < to,
    )
    expect(report.top.map((t) => t.conversations)).toEqual(
      variants
        .map((r) => r.conversations)
        .sort((a, b) => b - a)
        .slice(0, 10),
    )
  })

  it('is empty, not an error, for a period with no posts', async () => {
    const report = await measureReport(database.db, workspaceId, {
      from: new Date(Date.UTC(2030, 0, 1)),
      to: new Date(Date.UTC(2030, 0, 3)),
      by: 'topic',
      metric: 'conversations',
      top: 10,
    })
    expect(report).toMatchObject({ posts: 0, units: { n: 0, sum: 0 }, groups: [], top: [] })
    expect(report.days.map((d) => d.posts)).toEqual([0, 0])
  })
})
