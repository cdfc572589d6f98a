import { describe, expect, it } from 'vitest'
import { compileSearches } from './compile-searches.ts'
import { crisisQueries } from './crisis-lexicon.ts'
import { cooledDown, detectSpike } from './detect-spike.ts'
import { bucketByMinute, fillMinutes, minuteOf } from './minute-buckets.ts'

const medium = { sensitivity: 'medium' as const, minVolume: 10 }

describe('detectSpike', () => {
  it('calls a minute far above a calm baseline a spike, and names the numbers', () => {
    const calm = [2, 3, 1, 2, 4, 2, 3, 2, 1, 2]
    expect(detectSpike(40, calm, medium)).toEqual({
      spike: true,
      volume: 40,
      baseline: 2.2,
      threshold: 10,
    })
    expect(detectSpike(9, calm, medium).spike).toBe(false)
  })

  it('does not alert on a busy search that is only as busy as usual', () => {
    const busy = [400, 380, 420, 410, 390, 405, 395, 415]
    expect(detectSpike(430, busy, medium).spike).toBe(false)
    expect(detectSpike(600, busy, medium).spike).toBe(true)
  })

  it('is more easily triggered on high sensitivity than on low', () => {
    const history = [20, 25, 18, 22, 21, 19]
    const high = detectSpike(40, history, { sensitivity: 'high', minVolume: 10 })
    const low = detectSpike(40, history, { sensitivity: 'low', minVolume: 10 })
    expect(high.spike).toBe(true)
    expect(low.spike).toBe(false)
    expect(high.threshold).toBeLessThan(low.threshold)
  })

  it('never calls a spike without a few minutes of history, nor below the minimum volume', () => {
    expect(detectSpike(1_000, [0, 0], medium).spike).toBe(false)
    expect(detectSpike(9, [0, 0, 0, 0, 0, 0], medium).spike).toBe(false)
  })

  it('waits out the cooldown', () => {
    const now = new Date('2026-05-18T12:00:00Z')
    expect(cooledDown(null, 30, now)).toBe(true)
    expect(cooledDown(new Date('2026-05-18T11:40:00Z'), 30, now)).toBe(false)
    expect(cooledDown(new Date('2026-05-18T11:30:00Z'), 30, now)).toBe(true)
  })
})

describe('minute buckets', () => {
  it('counts matches per search and minute, and fills the quiet minutes with zeros', () => {
    const at = (time: string) => new Date(`2026-05-18T12:${time}Z`)
    const buckets = bucketByMinute([
      { searchId: 'a', at: at('00:05') },
      { searchId: 'a', at: at('00:59') },
      { searchId: 'a', at: at('02:00') },
      { searchId: 'b', at: at('00:30') },
    ])
    expect(buckets.get('a')).toEqual(
      new Map([
        [at('00:00').getTime(), 2],
        [at('02:00').getTime(), 1],
      ]),
    )
    const filled = fillMinutes(buckets.get('a') ?? new Map(), at('00:00'), at('03:00'))
    expect(filled.map((m) => m.count)).toEqual([2, 0, 1])
    expect(fillMinutes(new Map(), at('00:00'), at('03:00'), at('01:30')).length).toBe(2)
    expect(minuteOf(at('02:59.999')).toISOString()).toBe('2026-05-18T12:02:00.000Z')
  })
})

describe('crisis lexicon', () => {
  it('finds disasters, attacks, deaths and outages in several languages, and the workspace’s own terms', () => {
    const matcher = compileSearches(
      crisisQueries(['Bakery Fire']).map((query, at) => ({ id: String(at), query })),
    )
    expect(matcher.rejected).toEqual([])
    const hit = (text: string) => matcher.match({ text }).length > 0
    expect(hit('Massive earthquake just hit the coast')).toBe(true)
    expect(hit('Schweres Erdbeben in der Türkei')).toBe(true)
    expect(hit('Attentat à Paris ce soir')).toBe(true)
    expect(hit('東京で地震がありました')).toBe(true)
    expect(hit('The service is down again')).toBe(true)
    expect(hit('the bakery fire downtown')).toBe(true)
    expect(hit('Fresh sourdough this morning')).toBe(false)
  })
})
