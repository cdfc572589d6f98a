import { describe, expect, it } from 'vitest'
import {
  compareGroup,
  differenceInterval,
  MIN_POSTS,
  NORMAL_FROM,
  type Sample,
  sampleOf,
} from './compare.ts'

/** A side as the database sends it: values only below NORMAL_FROM, sums always. */
const sent = (values: number[]): Sample => {
  const sample = sampleOf(values)
  return sample.n >= NORMAL_FROM ? { ...sample, values: null } : sample
}

import { createSimulator } from './simulate-posts.ts'

// How often the 90 % interval covers a known true difference, on simulated overdispersed
// per-post counts: the honesty of "how sure the comparison is". Printed for the report.
const SCENARIOS = [
  { n: 10, m: 30, a: 3, b: 2, shape: 1.5 },
  { n: 10, m: 10, a: 1, b: 2, shape: 0.7 },
  { n: 15, m: 40, a: 1.2, b: 0.8, shape: 1 },
  { n: 20, m: 200, a: 0.5, b: 0.3, shape: 0.5 },
  { n: 30, m: 30, a: 5, b: 5, shape: 0.8 },
  { n: 250, m: 400, a: 4, b: 3, shape: 0.7 },
]
const RUNS = 300

describe('calibration of the comparison interval', () => {
  it('covers the true difference at least 90 % of the time for a 90 % interval', () => {
    const sim = createSimulator(20260601)
    const lines: string[] = []
    for (const s of SCENARIOS) {
      let covered = 0
      for (let run = 0; run < RUNS; run++) {
        const { low, high } = differenceInterval(
          sent(sim.posts(s.n, s.a, s.shape)),
          sent(sim.posts(s.m, s.b, s.shape)),
        )
        if (low <= s.a - s.b && s.a - s.b <= high) covered++
      }
      const coverage = covered / RUNS
      lines.push(
        `n=${s.n} vs ${s.m}, means ${s.a} vs ${s.b}, shape ${s.shape}: ${(coverage * 100).toFixed(1)} % covered`,
      )
      // The seed is fixed: the same runs every time, so this is a measurement, not a coin.
      expect(coverage, lines.at(-1)).toBeGreaterThanOrEqual(0.9)
    }
    console.log(`calibration (90 % interval, ${RUNS} runs each)\n${lines.join('\n')}`)
  })
})

describe('comparing a group with the other posts', () => {
  it('says "not enough posts yet" below the minimum instead of naming a winner', () => {
    const result = compareGroup(sent([9, 9, 9]), sent(Array(40).fill(0)), 'replies')
    expect(result.verdict).toBe('not_enough_posts')
    expect(result.difference).toBeNull()
    expect(result.statement).toMatch(/Not enough posts yet: 3 here, 10 needed/)
  })

  it('names a clear winner with its interval, and a tie as unclear', () => {
    const sim = createSimulator(7)
    const better = compareGroup(sent(sim.posts(30, 6, 2)), sent(sim.posts(30, 1, 2)), 'replies')
    expect(better.verdict).toBe('better')
    expect(better.difference?.low).toBeGreaterThan(0)
    expect(better.statement).toMatch(
      /^More replies than the other posts: .* \(90 % interval, 30 vs 30 posts\)/,
    )
    const same = compareGroup(
      sent(sim.posts(MIN_POSTS, 2, 1)),
      sent(sim.posts(MIN_POSTS, 2, 1)),
      'replies',
    )
    expect(['unclear']).toContain(same.verdict)
  })

  it('gives the same interval for the same posts every time', () => {
    const a = [0, 1, 4, 2, 0, 0, 7, 1, 3, 2, 5]
    const b = [1, 0, 0, 2, 1, 0, 0, 1, 0, 3, 0, 1]
    expect(differenceInterval(sent(a), sent(b))).toEqual(differenceInterval(sent(a), sent(b)))
  })
})
