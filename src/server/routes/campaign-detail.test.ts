import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'

// A campaign's page through the API, with a real worker publishing to the Mastodon CONTRACT FAKE.
let d: DeliveringApp
const ws = () => `/api/v1/workspaces/${d.owner.workspace.id}`
const req = (method: string, path: string, body?: unknown) =>
  d.t.request(method, `${ws()}${path}`, { cookie: d.owner.cookie, ...(body ? { body } : {}) })

beforeAll(async () => {
  d = await startDeliveringApp(['baker'])
})
afterAll(async () => {
  await d?.close()
})

describe('a campaign page', () => {
  it('lists its posts with their words: what is out, what is to come, what is a draft', async () => {
    const campaign = await req('POST', '/campaigns', {
      name: 'Rye week',
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      colour: '#336699',
    })
    expect(campaign.status, campaign.text).toBe(201)
    const accountId = d.accounts.baker?.accountId
    const post = (text: string, schedule?: unknown) =>
      req('POST', '/posts', {
        // Scheduled ones are written per account only: their words come from the variant.
        ...(schedule ? {} : { text }),
        variants: [{ accountId, text }],
        campaignId: campaign.json.id,
        ...(schedule ? { schedule } : {}),
      })
    const now = await post('Rye is out of the oven', { now: true })
    expect(now.status, now.text).toBe(201)
    const later = await post('Rye tasting on Saturday', {
      at: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    })
    expect(later.status, later.text).toBe(201)
    const draft = await post('Maybe a rye quiz?')
    expect(draft.status, draft.text).toBe(201)

    await vi.waitFor(
      async () => {
        const res = await req('GET', `/campaigns/${campaign.json.id}`)
        const out = res.json.posts.find((p: { postId: string }) => p.postId === now.json.id)
        expect(out).toMatchObject({ state: 'published' })
      },
      { timeout: 15_000, interval: 100 },
    )
    // Results come from snapshots: take one now instead of waiting for +1 hour.
    const taken = await req('POST', `/posts/${now.json.id}/engagement`)
    expect(taken.status, taken.text).toBe(200)
    const detail = await req('GET', `/campaigns/${campaign.json.id}`)
    expect(detail.json.toCome).toBe(1)
    const byId = (id: string) => detail.json.posts.find((p: { postId: string }) => p.postId === id)
    expect(byId(now.json.id)).toMatchObject({ text: 'Rye is out of the oven' })
    expect(byId(later.json.id)).toMatchObject({ text: 'Rye tasting on Saturday', state: 'to_come' })
    expect(byId(draft.json.id)).toMatchObject({ text: 'Maybe a rye quiz?', state: 'draft' })
    expect(detail.json.results.campaign).toMatchObject({ key: campaign.json.id, posts: 1 })

    // Its results as CSV: the Measure table by campaign over the campaign's own period.
    const query = new URLSearchParams({
      from: campaign.json.startsAt,
      to: campaign.json.endsAt,
      by: 'campaign',
      table: 'groups',
    })
    const csv = await req('GET', `/measure.csv?${query}`)
    expect(csv.status, csv.text).toBe(200)
    expect(csv.text.split('\r\n').some((row) => row.startsWith('Rye week,1,'))).toBe(true)
  })
})
