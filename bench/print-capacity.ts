// The `delivery-lag --saturate` report: every post due at one instant, so the queue runs flat
// out and the figure is the engine's capacity rather than its lag at the edge.
import os from 'node:os'
import { perUnit } from './count-statements.ts'
import type { Flags, Result } from './delivery-lag.ts'

const GOALS = { embedded: 1_000, server: 2_000 }

/** Starts per second between the 10th and the 90th percentile start: no ramp-up, no tail. */
export function sustainedPerSecond(startedAt: number[]): number {
  const sorted = [...startedAt].sort((a, b) => a - b)
  const from = Math.floor(sorted.length * 0.1)
  const to = Math.ceil(sorted.length * 0.9) - 1
  const first = sorted[from]
  const last = sorted[to]
  if (first === undefined || last === undefined || last <= first) return 0
  return Math.round((to - from) / ((last - first) / 1_000))
}

export function printCapacity(flags: Flags, results: Result[]) {
  const pad = (value: unknown, width: number) => String(value).padStart(width)
  console.log(
    `\nDelivery capacity: ${flags.posts} posts (one variant each) over ${flags.accounts} accounts, all due at the same instant; ${flags.publishMs} ms per publish`,
  )
  console.log('sustained = publishes/s over the middle 80%; all-in = posts / (last end − due)')
  console.log(
    `${'scenario'.padEnd(30)}${pad('sustained/s', 12)}${pad('all-in/s', 10)}${pad('drain ms', 10)}${pad('stmts', 7)}  dups  lost  unpub`,
  )
  for (const r of results) {
    const allIn = Math.round(r.posts / ((r.drainMs || 1) / 1_000))
    console.log(
      `${r.scenario.padEnd(30)}${pad(r.sustainedPerSecond, 12)}${pad(allIn, 10)}${pad(r.drainMs, 10)}${pad(r.statementsPerDelivery, 7)}${pad(r.duplicates, 6)}${pad(r.lost, 6)}${pad(r.unpublished, 7)}`,
    )
  }
  console.log('\nworkers, and the SQL statements per delivery by kind')
  for (const r of results) {
    console.log(`${r.scenario.padEnd(30)}${r.workers}`)
    console.log(`${''.padEnd(30)}${perUnit(r.statements, r.posts)}`)
  }
  const goalOf = (r: Result) => (r.scenario.includes('embedded') ? GOALS.embedded : GOALS.server)
  const goals = {
    capacity: results.every((r) => r.sustainedPerSecond >= goalOf(r)),
    exactlyOnce: results.every((r) => r.duplicates === 0 && r.lost === 0 && r.unpublished === 0),
  }
  const word = (met: boolean) => (met ? 'met' : 'MISSED')
  console.log(
    `\nGoals: ≥ ${GOALS.embedded}/s embedded, ≥ ${GOALS.server}/s PostgreSQL ${word(goals.capacity)}; 0 duplicates and 0 lost ${word(goals.exactlyOnce)}. Load average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores.`,
  )
  console.log(
    JSON.stringify({
      bench: 'delivery-lag',
      flags,
      results: results.map(({ statements: _, ...r }) => r),
      goals,
      loadavg: os.loadavg(),
    }),
  )
}
