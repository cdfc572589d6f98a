import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { clickDay, visitorKey } from '../core/measure/visitor-key.ts'
import type { Db } from '../store/connect.ts'
import { type LinkDayClicks, type VisitorClicks, writeClicks } from '../store/write-clicks.ts'

const DAY_MS = 86_400_000
/**
 * How often the buffered clicks are written. A write costs the database about the same for
 * a thousand links whether each had one click or fifty: at 5,000 redirects a second over
 * 1,000 links, a write every second held a core for 40–60 ms, and the redirects' slowest
 * 1 % fell in those moments (bench/measure.ts). Measure is a report, not a live counter.
 */
export const WRITE_CLICKS_EVERY_MS = 5_000
/** Links' and visitors' entries a failed write may leave for the next, each. */
const MAX_KEPT = 200_000

export type ClickRecorder = {
  /** Counts one request to a short link; `person` false for bots and card fetchers. */
  record: (click: { linkId: string; person: boolean; address: string; userAgent: string }) => void
  /** Writes what is buffered. */
  flush: () => Promise<void>
  close: () => Promise<void>
}

/**
 * Buffers clicks in memory and writes them every WRITE_CLICKS_EVERY_MS (store/write-clicks.ts),
 * so a redirect never waits on the database (bench/measure.ts), with what they add to the
 * Measure rows of the clicked posts. `close` writes what is left (Sous's stop calls it); a
 * crash loses at most the last 5 seconds' counts; a failed write, none (they go with the
 * next). Visitors are keyed under the day's salt (core/measure/visitor-key.ts); salts older
 * than yesterday are deleted at each write.
 */
export function createClickRecorder(db: Db, options: { everyMs?: number } = {}): ClickRecorder {
  const counts = new Map<string, LinkDayClicks>()
  const visitors = new Map<string, VisitorClicks>()
  let salt: { day: string; value: Buffer } | null = null
  let saltLoading: Promise<void> | null = null
  const pending: Array<{ linkId: string; day: string; address: string; userAgent: string }> = []
  // The day's string is made once a day, not once a click.
  let today = { day: '', until: 0 }
  const currentDay = () => {
    const now = Date.now()
    if (now >= today.until)
      today = { day: clickDay(new Date(now)), until: (Math.floor(now / DAY_MS) + 1) * DAY_MS }
    return today.day
  }

  const loadSalt = async (day: string) => {
    await db.execute(sql`insert into click_salts (day, salt) values (${day}, ${randomBytes(32)})
      on conflict (day) do nothing`)
    const result = await db.execute<{ salt: Buffer }>(
      sql`select salt from click_salts where day = ${day}`,
    )
    const row = result.rows[0]
    if (row) salt = { day, value: row.salt }
  }

  const keyVisitor = (linkId: string, day: string, address: string, userAgent: string) => {
    if (!salt || salt.day !== day) {
      pending.push({ linkId, day, address, userAgent })
      return
    }
    const visitor = visitorKey(salt.value, address, userAgent).toString('hex')
    const key = `${linkId}|${day}|${visitor}`
    const entry = visitors.get(key) ?? { linkId, day, visitor, clicks: 0 }
    entry.clicks++
    visitors.set(key, entry)
  }

  // A write that failed (the database out of reach) leaves its clicks for the next, which
  // adds them to its own: a transaction that failed wrote nothing. Up to a bound, so an
  // outage under a flood of new visitors cannot take the memory: past it, their clicks go.
  const keep = (rows: LinkDayClicks[], people: VisitorClicks[]) => {
    for (const row of rows) {
      const key = `${row.linkId}|${row.day}`
      const entry = counts.get(key)
      if (entry) {
        entry.clicks += row.clicks
        entry.bots += row.bots
      } else if (counts.size < MAX_KEPT) counts.set(key, row)
    }
    for (const person of people) {
      const key = `${person.linkId}|${person.day}|${person.visitor}`
      const entry = visitors.get(key)
      if (entry) entry.clicks += person.clicks
      else if (visitors.size < MAX_KEPT) visitors.set(key, person)
    }
  }

  const flush = async () => {
    const today = clickDay(new Date())
    // The salt is read only when a click needs it: an idle instance touches nothing.
    if (pending.length) {
      saltLoading ??= loadSalt(today).finally(() => {
        saltLoading = null
      })
      await saltLoading
      // Only the day's own salt keys its visitors; one from another day's buffer is dropped.
      for (const p of pending.splice(0))
        if (p.day === salt?.day) keyVisitor(p.linkId, p.day, p.address, p.userAgent)
    }
    const rows = [...counts.values()]
    const people = [...visitors.values()]
    counts.clear()
    visitors.clear()
    if (rows.length === 0) return
    // The Measure rows of the clicked links' posts change in the same transaction.
    try {
      await db.transaction((tx) => writeClicks(tx, rows, people))
    } catch (error) {
      keep(rows, people)
      throw error
    }
    await db.execute(sql`delete from click_salts where day < ${today}::date - 1`)
  }

  let running: Promise<void> = Promise.resolve()
  const tick = () => {
    running = running.then(flush).catch(() => {
      // Kept for the next second's write (see keep).
    })
    return running
  }
  const timer = setInterval(tick, options.everyMs ?? WRITE_CLICKS_EVERY_MS)
  timer.unref()

  return {
    record({ linkId, person, address, userAgent }) {
      const day = currentDay()
      const key = `${linkId}|${day}`
      const entry = counts.get(key) ?? { linkId, day, clicks: 0, bots: 0 }
      if (person) entry.clicks++
      else entry.bots++
      counts.set(key, entry)
      if (person) keyVisitor(linkId, day, address, userAgent)
    },
    flush: tick,
    close: async () => {
      clearInterval(timer)
      await tick()
    },
  }
}
