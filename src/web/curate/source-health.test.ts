import { describe, expect, it } from 'vitest'
import type { Source } from './curate-queries.ts'
import { describeHealth } from './source-health.ts'

const now = new Date('2026-12-01T12:00:00Z')
const minutes = (m: number) => new Date(now.getTime() + m * 60_000).toISOString()
const source = (health: Partial<Source['health']>): Source => ({
  id: '00000000-0000-4000-8000-000000000001',
  url: 'https://kitchen.example/feed',
  siteUrl: null,
  title: 'Kitchen Notes',
  format: 'rss',
  category: null,
  weight: 1,
  createdAt: minutes(-600),
  health: {
    status: 'ok',
    lastPolledAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    failures: 0,
    failingSince: null,
    nextPollAt: minutes(30),
    polling: false,
    ...health,
  },
})

describe('a source’s health in words', () => {
  it('says when it was read and when it is read next', () => {
    expect(describeHealth(source({ lastSuccessAt: minutes(-5) }), now)).toEqual({
      label: 'Healthy',
      colour: 'green',
      detail: 'Read 5 minutes ago; next read in 30 minutes.',
    })
  })

  it('gives the error in words, how many reads failed, and that earlier items stay', () => {
    const words = describeHealth(
      source({
        status: 'erroring',
        failures: 3,
        lastError: 'it answered 503 Service Unavailable.',
        lastSuccessAt: minutes(-120),
        nextPollAt: minutes(40),
      }),
      now,
    )
    expect(words.label).toBe('Erroring')
    expect(words.detail).toMatch(
      /^The last 3 reads failed: it answered 503 Service Unavailable\. Tried again with growing pauses; next read in 40 minutes\. Its earlier items stay/,
    )
  })

  it('says a source failing for days is tried once a day, and what to do', () => {
    const words = describeHealth(
      source({
        status: 'failing',
        failures: 40,
        lastError: 'not a feed: the page is HTML',
        failingSince: '2026-11-27T08:00:00Z',
        nextPollAt: minutes(60 * 20),
      }),
      now,
    )
    expect(words.label).toBe('Failing')
    expect(words.detail).toContain(
      'not a feed: the page is HTML. Tried once a day; next read in 20 hours.',
    )
    expect(words.detail).toContain('Check its address, or remove it.')
  })

  it('a source not read yet is waiting; one being read says so', () => {
    expect(describeHealth(source({ status: 'pending' }), now).label).toBe('Waiting')
    expect(describeHealth(source({ status: 'pending', polling: true }), now).detail).toBe(
      'Being read now.',
    )
  })
})
